// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>A tool call finished.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="CallId">The ID of the <see cref="BackendToolCall"/>.</param>
/// <param name="Output">The output as text (possibly empty when the backend does not report it).</param>
/// <param name="IsError">Whether the tool failed.</param>
public sealed record BackendToolResult(BackendEventSource Source, string CallId, string Output, bool IsError) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "tool_result";
}
