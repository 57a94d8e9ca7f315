// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The attempt was canceled; a canceled attempt never also reports completed or failed.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="Result">How the backend's cancel went.</param>
/// <param name="CancelError">Why the cancel failed (its category), when <paramref name="Result"/> is <see cref="CancelResult.Failed"/>.</param>
public sealed record BackendCanceled(BackendEventSource Source, CancelResult Result, BackendError? CancelError = null) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "canceled";

    /// <inheritdoc />
    public override bool IsTerminal => true;
}
