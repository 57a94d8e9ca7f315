// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>A tool definition shown to an <see cref="IChatClient"/> as a declaration-only function: the caller executes it.</summary>
/// <param name="definition">The definition.</param>
internal sealed class ToolDeclaration(ToolDefinition definition) : AIFunctionDeclaration
{
    /// <inheritdoc/>
    public override string Name => definition.Name;

    /// <inheritdoc/>
    public override string Description => definition.Description;

    /// <inheritdoc/>
    public override JsonElement JsonSchema => definition.Parameters;
}
