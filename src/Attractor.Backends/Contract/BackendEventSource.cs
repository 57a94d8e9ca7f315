// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>Who emitted a <see cref="BackendEvent"/>: backend, provider and model when known, the attempt and the execution reference.</summary>
/// <param name="Backend">The backend name (<c>simulate</c>, <c>llm</c>, <c>agent</c>, <c>claude-code</c>, <c>codex</c>, <c>gemini-cli</c>).</param>
/// <param name="NodeId">The pipeline node the work is for.</param>
/// <param name="Attempt">The 1-based attempt number of the node.</param>
public sealed record BackendEventSource(string Backend, string NodeId, int Attempt)
{
    /// <summary>Gets the provider (<c>anthropic</c>, <c>openai</c>, <c>gemini</c>, ...), when known.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the model, when known.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the execution reference (session/thread ID, process ID).</summary>
    public ExecutionReference Execution { get; init; } = ExecutionReference.None;
}
