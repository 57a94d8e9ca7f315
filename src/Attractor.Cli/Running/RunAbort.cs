// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Running;

/// <summary>
/// The token a run is started with. It is cancelled by the user (Ctrl+C) or by the CLI itself when the
/// run cannot go on as asked (e.g. <c>--answers</c> ran out); cancelling keeps the checkpoint at the last
/// completed node, so both cases can be resumed. <see cref="Reason"/> tells them apart.
/// </summary>
internal sealed class RunAbort : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _source;

    public RunAbort(CancellationToken interrupt)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
    }

    /// <summary>Gets the token to run with.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets why the CLI aborted the run, or null when it did not (the user may still have cancelled).</summary>
    public string? Reason { get; private set; }

    /// <summary>Stops the run with a reason and returns the exception to throw from the code that found the problem.</summary>
    /// <param name="reason">What the user must do differently, as one sentence.</param>
    public OperationCanceledException Abort(string reason)
    {
        lock (_gate)
        {
            // The first reason wins: parallel gates may fail at once, the first one is what the user hit.
            Reason ??= reason;
        }

        _source.Cancel();
        return new OperationCanceledException(reason, _source.Token);
    }

    public void Dispose() => _source.Dispose();
}
