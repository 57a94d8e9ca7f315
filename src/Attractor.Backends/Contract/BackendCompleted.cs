// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The attempt succeeded: the final response text and the usage.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="Text">The final response text.</param>
/// <param name="Usage">Token usage and cost.</param>
public sealed record BackendCompleted(BackendEventSource Source, string Text, BackendUsage Usage) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "completed";

    /// <inheritdoc />
    public override bool IsTerminal => true;
}
