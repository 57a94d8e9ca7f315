// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>A piece of the assistant's text, in order; a backend without text streaming sends each message whole.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="Text">The text.</param>
public sealed record BackendDelta(BackendEventSource Source, string Text) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "delta";
}
