// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// A child session working on a task in the background (spec §7.3's SubAgentHandle). Its inputs are processed one after
/// another; its events are republished into the parent's stream, tagged with <c>agent_id</c>.
/// </summary>
internal sealed class Subagent
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _pending = new();
    private readonly Task _forwarding;
    private Task _run = Task.CompletedTask;
    private bool _running;
    private bool _closed;
    private string? _failure;

    /// <summary>Initializes a new instance of the <see cref="Subagent"/> class and starts republishing its events.</summary>
    /// <param name="id">The agent id the parent's model uses.</param>
    /// <param name="session">The child session.</param>
    /// <param name="parent">The session whose event stream receives the child's events.</param>
    public Subagent(string id, Session session, Session parent)
    {
        Id = id;
        Session = session;
        _forwarding = ForwardEventsAsync(parent);
    }

    public string Id { get; }

    public Session Session { get; }

    /// <summary>Gets the current status.</summary>
    public SubagentStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _running ? SubagentStatus.Running : Outcome().Status;
            }
        }
    }

    /// <summary>Processes an input now, or after the current one when the agent is running.</summary>
    /// <param name="input">The task or message.</param>
    /// <returns><see langword="true"/> when the input was queued behind the current one.</returns>
    public bool Submit(string input)
    {
        lock (_gate)
        {
            if (_running)
            {
                _pending.Enqueue(input);
                return true;
            }

            _running = true;
            _run = RunAsync(input);
            return false;
        }
    }

    /// <summary>Waits until the agent has processed every input it was given.</summary>
    /// <param name="cancellationToken">Stops waiting (the agent keeps running).</param>
    /// <returns>The result.</returns>
    public async Task<SubagentResult> WaitAsync(CancellationToken cancellationToken)
    {
        Task run;
        lock (_gate)
        {
            run = _run;
        }

        await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Result();
    }

    /// <summary>Gets the result so far: the final output when the agent is done.</summary>
    /// <returns>The result.</returns>
    public SubagentResult Result()
    {
        lock (_gate)
        {
            var (status, error) = _running ? (SubagentStatus.Running, null) : Outcome();
            var history = Session.History;
            var output = history.OfType<AssistantTurn>().LastOrDefault(turn => turn.Content.Length > 0)?.Content ?? string.Empty;
            return new SubagentResult(Id, status, output, history.Count(turn => turn is AssistantTurn), error);
        }
    }

    /// <summary>Aborts the agent's work, closes its session and waits until its last events reached the parent.</summary>
    /// <returns>A task that completes when the agent is closed.</returns>
    public async Task CloseAsync()
    {
        Task run;
        lock (_gate)
        {
            _closed = true;
            _pending.Clear();
            run = _run;
        }

        await Session.DisposeAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        await _forwarding.ConfigureAwait(false);
    }

    private async Task RunAsync(string input)
    {
        // Leaves the caller's lock before the session starts.
        await Task.Yield();
        var next = input;
        while (true)
        {
            try
            {
                await Session.SubmitAsync(next).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Whatever stopped the child is reported to the parent's model as a failed result.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _failure ??= exception.Message;
                    _pending.Clear();
                    _running = false;
                }

                return;
            }

            lock (_gate)
            {
                if (_closed || !_pending.TryDequeue(out next))
                {
                    _running = false;
                    return;
                }
            }
        }
    }

    // Call under _gate while not running.
    private (SubagentStatus Status, string? Error) Outcome()
    {
        if (_failure is not null)
        {
            return (SubagentStatus.Failed, "The agent failed: " + _failure);
        }

        var history = Session.History;
        if (history.Count > 0 && history[^1] is AssistantTurn { ToolCalls.Count: 0 })
        {
            return (SubagentStatus.Completed, null);
        }

        if (_closed || Session.State == SessionState.Closed)
        {
            return (SubagentStatus.Failed, "The agent was closed before it finished.");
        }

        var turns = history.Count(turn => turn is AssistantTurn);
        return Session.Config.MaxTurns > 0 && turns >= Session.Config.MaxTurns
            ? (SubagentStatus.Failed, $"The agent reached its turn limit ({Session.Config.MaxTurns}) before finishing.")
            : (SubagentStatus.Failed, "The agent stopped before finishing (tool round limit or context length exceeded).");
    }

    private async Task ForwardEventsAsync(Session parent)
    {
        await foreach (var sessionEvent in Session.Events.ConfigureAwait(false))
        {
            // A grandchild's event already names its own agent; keep the innermost id.
            if (sessionEvent.Data.ContainsKey(SubagentTools.AgentIdKey))
            {
                parent.Publish(sessionEvent);
                continue;
            }

            var data = new Dictionary<string, object?>(sessionEvent.Data, StringComparer.Ordinal) { [SubagentTools.AgentIdKey] = Id };
            parent.Publish(sessionEvent with { Data = data });
        }
    }
}
