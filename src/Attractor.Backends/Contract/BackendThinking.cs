// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>A piece of the model's reasoning (thinking) text, when the backend exposes it.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="Text">The reasoning text.</param>
public sealed record BackendThinking(BackendEventSource Source, string Text) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "thinking";
}
