// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The model called a tool (a CLI's own tool, an agent tool or a client tool).</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="CallId">The call ID that the matching <see cref="BackendToolResult"/> carries.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments as JSON text (<c>{}</c> when there are none).</param>
public sealed record BackendToolCall(BackendEventSource Source, string CallId, string Name, string Arguments) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "tool_call";
}
