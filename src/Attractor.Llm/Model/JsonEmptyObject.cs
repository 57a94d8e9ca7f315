// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>A shared, immutable <c>{}</c> element.</summary>
internal static class JsonEmptyObject
{
    /// <summary>Gets the element.</summary>
    public static JsonElement Value { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
