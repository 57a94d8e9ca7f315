// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// Where the tool call running on the current async flow reports incremental output. The session sets it around each
/// call, so tools stream without a sink parameter in <see cref="AgentTool"/>'s executor signature.
/// </summary>
internal static class ToolCallOutput
{
    private static readonly AsyncLocal<Action<CommandOutputChunk>?> CurrentSink = new();

    /// <summary>Gets the sink of the current tool call, or null outside a session's tool call.</summary>
    public static Action<CommandOutputChunk>? Current => CurrentSink.Value;

    /// <summary>Sets the sink for the rest of the calling async method and what it awaits.</summary>
    /// <param name="sink">The sink, or null.</param>
    public static void Set(Action<CommandOutputChunk>? sink) => CurrentSink.Value = sink;
}
