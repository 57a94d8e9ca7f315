// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;

namespace Attractor.Backends;

/// <summary>
/// One agent session and the stage it currently works on. Nodes sharing a thread key (under <c>full</c>
/// fidelity) take turns on it; its events are pumped to the current stage's log.
/// </summary>
internal sealed class AgentThread : IAsyncDisposable
{
    /// <summary>How long the end of a stage waits for the session's last events to be written.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    private AgentStage? _stage;
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _pump;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Gets or sets the session; null until the thread's first node created it.</summary>
    public Session? Session { get; set; }

    /// <summary>Gets the stage being worked on (read by the hooked tools).</summary>
    public AgentStage? Stage => Volatile.Read(ref _stage);

    /// <summary>Routes the session's events and hooks to <paramref name="stage"/> until <see cref="EndStageAsync"/>.</summary>
    public void BeginStage(AgentStage stage)
    {
        Volatile.Write(ref _settled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Volatile.Write(ref _stage, stage);

        // Started after the first stage is set, so SESSION_START lands in that stage's log.
        _pump ??= Task.Run(PumpAsync);
    }

    /// <summary>Waits until the submission's last event (PROCESSING_END or SESSION_END) is recorded, then detaches the stage.</summary>
    public async Task EndStageAsync()
    {
        try
        {
            await Volatile.Read(ref _settled).Task.WaitAsync(SettleTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Only the event log would be incomplete; the stage's result does not depend on it.
        }

        Volatile.Write(ref _stage, null);
    }

    /// <summary>Closes the session (if any) and forgets it, so the thread's next node starts a fresh one.</summary>
    public async Task ResetAsync()
    {
        if (Session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        if (_pump is { } pump)
        {
            try
            {
                await pump.WaitAsync(SettleTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }

        Session = null;
        _pump = null;
    }

    // The gate is not disposed: a node of the same thread may still be waiting on it, and a SemaphoreSlim
    // whose wait handle was never requested holds nothing to release.
    public async ValueTask DisposeAsync() => await ResetAsync().ConfigureAwait(false);

    private async Task PumpAsync()
    {
        if (Session is not { } session)
        {
            return;
        }

        try
        {
            await foreach (var sessionEvent in session.Events.ConfigureAwait(false))
            {
                if (Stage is { } stage)
                {
                    await stage.RecordAsync(sessionEvent).ConfigureAwait(false);
                }

                if (sessionEvent.Kind is SessionEventKind.ProcessingEnd or SessionEventKind.SessionEnd)
                {
                    Volatile.Read(ref _settled).TrySetResult();
                }
            }
        }
        finally
        {
            Volatile.Read(ref _settled).TrySetResult();
        }
    }
}
