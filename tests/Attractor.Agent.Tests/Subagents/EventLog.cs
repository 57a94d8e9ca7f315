// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>Reads a session's events in the background; tests look at them as they arrive or after the session closed.</summary>
internal sealed class EventLog
{
    private readonly Lock _gate = new();
    private readonly List<SessionEvent> _events = [];
    private readonly List<(Func<SessionEvent, bool> Match, TaskCompletionSource<SessionEvent> Seen)> _watchers = [];

    public EventLog(Session session) => Completion = Task.Run(async () =>
    {
        await foreach (var item in session.Events)
        {
            lock (_gate)
            {
                _events.Add(item);
                foreach (var watcher in _watchers.Where(w => w.Match(item)))
                {
                    watcher.Seen.TrySetResult(item);
                }
            }
        }

        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Seen.TrySetException(new InvalidOperationException("The session closed before the awaited event."));
            }
        }
    });

    /// <summary>Completes when the session's stream has ended.</summary>
    public Task Completion { get; }

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits for the first event (already seen or still to come) that matches.</summary>
    public Task<SessionEvent> WaitForAsync(Func<SessionEvent, bool> match)
    {
        lock (_gate)
        {
            if (_events.FirstOrDefault(match) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var watcher = new TaskCompletionSource<SessionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((match, watcher));

            // Generous: CI has two busy cores; a missing event fails here instead of hanging the run.
            return watcher.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
    }
}
