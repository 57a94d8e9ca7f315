// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Tries to fix the arguments of a tool call that are not valid JSON or do not match the tool's schema (for example
/// by asking a model). The repaired arguments are validated again before the handler runs.
/// </summary>
/// <param name="context">The call, the tool, what was wrong and the conversation.</param>
/// <param name="cancellationToken">Cancels the repair.</param>
/// <returns>The repaired arguments, or null to give up (an error result is then sent to the model).</returns>
public delegate ValueTask<JsonElement?> ToolCallRepair(ToolCallRepairContext context, CancellationToken cancellationToken);

/// <summary>What a <see cref="ToolCallRepair"/> hook receives.</summary>
/// <param name="Call">The call as the model made it (<see cref="ToolCall.RawArguments"/> holds the original text).</param>
/// <param name="Tool">The tool that was called.</param>
/// <param name="Errors">Why the arguments were rejected (JSON syntax or schema errors with their paths).</param>
/// <param name="Messages">The conversation so far.</param>
public sealed record ToolCallRepairContext(ToolCall Call, Tool Tool, IReadOnlyList<string> Errors, IReadOnlyList<Message> Messages);
