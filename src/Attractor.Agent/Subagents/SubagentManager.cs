// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Agent;

/// <summary>
/// The subagents of one session (spec §2.1's <c>subagents</c> map): spawns them as child sessions of the same profile in the
/// same environment, routes the model's send_input / wait / close_agent calls to them, and closes them with the session.
/// </summary>
/// <param name="spec">What the owning session was made of; children are made of the same, one level deeper.</param>
internal sealed class SubagentManager(ProfileSessionSpec spec)
{
    private const string SubagentInstructions =
        "You are a subagent: another agent gave you the task in the first user message. Work on it autonomously; nobody " +
        "answers questions. Your final message is returned to that agent as your result, so end with a concise report of " +
        "what you did and found.";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subagent> _agents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedIds = new(StringComparer.Ordinal);
    private Session? _parent;
    private int _spawned;
    private bool _closing;

    /// <summary>Binds the manager to its session: the session's closing closes every subagent first.</summary>
    /// <param name="parent">The session the tools were registered in.</param>
    public void Attach(Session parent)
    {
        _parent = parent;
        parent.OnClosing(CloseAllAsync);
    }

    public async Task<ToolOutput> SpawnAsync(string task, string? workingDirectory, string? model, long? maxTurns, CancellationToken cancellationToken)
    {
        var maxDepth = spec.Config.MaxSubagentDepth;
        if (spec.Depth >= maxDepth)
        {
            return ToolOutput.Error(spec.Depth == 0
                ? "Cannot spawn a subagent: subagents are disabled in this session (max subagent depth 0). Do the task yourself."
                : string.Create(CultureInfo.InvariantCulture, $"Cannot spawn a subagent: this agent is a subagent at depth {spec.Depth} and the maximum subagent depth is {maxDepth}. Do the task yourself."));
        }

        if (maxTurns is < 0 or > int.MaxValue)
        {
            return ToolOutput.Error("Invalid max_turns: use 0 (unlimited) or a positive number of turns.");
        }

        if (string.IsNullOrWhiteSpace(task))
        {
            return ToolOutput.Error("Invalid task: describe the task the subagent should do.");
        }

        var environment = spec.Environment;
        if (!string.IsNullOrWhiteSpace(workingDirectory))
        {
            var scope = await ScopeAsync(workingDirectory, cancellationToken).ConfigureAwait(false);
            if (scope.Error is not null)
            {
                return ToolOutput.Error(scope.Error);
            }

            environment = scope.Environment!;
        }

        string id;
        lock (_gate)
        {
            if (_closing || _parent is null)
            {
                return ToolOutput.Error("Cannot spawn a subagent: the session is closing.");
            }

            id = spec.AgentIdPrefix + (++_spawned).ToString(CultureInfo.InvariantCulture);
        }

        var overridden = !string.IsNullOrWhiteSpace(model) && model != spec.Model;
        var childSpec = spec with
        {
            Environment = environment,
            Model = overridden ? model! : spec.Model,
            UserInstructions = string.IsNullOrWhiteSpace(spec.UserInstructions) ? SubagentInstructions : spec.UserInstructions.Trim() + "\n\n" + SubagentInstructions,
            Config = spec.Config with
            {
                MaxTurns = (int)(maxTurns ?? 0),

                // Another model has another window; null looks it up in the model catalog.
                ContextWindowSize = overridden ? null : spec.Config.ContextWindowSize,
            },
            Depth = spec.Depth + 1,
            AgentIdPrefix = id + ".",
        };

        var session = await ProviderProfileSessions.CreateAsync(childSpec, cancellationToken).ConfigureAwait(false);
        var agent = new Subagent(id, session, _parent);
        bool accepted;
        lock (_gate)
        {
            accepted = !_closing;
            if (accepted)
            {
                _agents.Add(id, agent);
            }
        }

        if (!accepted)
        {
            await agent.CloseAsync().ConfigureAwait(false);
            return ToolOutput.Error("Cannot spawn a subagent: the session is closing.");
        }

        _ = agent.Submit(task);
        return ToolOutput.Success(
            $"agent_id: {id}\nstatus: running\nworking_dir: {environment.WorkingDirectory}\nmodel: {childSpec.Model}\n" +
            string.Create(CultureInfo.InvariantCulture, $"max_turns: {childSpec.Config.MaxTurns}\n") +
            "The agent works in the background. Call wait with this agent_id to get its result.");
    }

    public ToolOutput SendInput(string agentId, string message)
    {
        if (Find(agentId, out var agent) is { } error)
        {
            return error;
        }

        if (agent.Session.State == SessionState.Closed)
        {
            return ToolOutput.Error($"Agent '{agentId}' has stopped and cannot take input: {agent.Result().Error} Close it and spawn a new agent.");
        }

        var queued = agent.Submit(message);
        return ToolOutput.Success($"agent_id: {agentId}\nstatus: running\n" + (queued
            ? "Message queued: the agent processes it when it finishes its current input."
            : "Message sent: the agent is processing it. Call wait to get its result."));
    }

    public async Task<ToolOutput> WaitAsync(string agentId, CancellationToken cancellationToken)
    {
        if (Find(agentId, out var agent) is { } error)
        {
            return error;
        }

        // The wait itself worked; an agent that failed is reported by the result's status, not as a tool error.
        var result = await agent.WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToolOutput.Success(result.Render());
    }

    public async Task<ToolOutput> CloseAsync(string agentId)
    {
        Subagent? agent;
        lock (_gate)
        {
            if (!_agents.Remove(agentId, out agent))
            {
                return Missing(agentId);
            }

            _ = _closedIds.Add(agentId);
        }

        var wasRunning = agent.Status == SubagentStatus.Running;
        await agent.CloseAsync().ConfigureAwait(false);
        return ToolOutput.Success(agent.Result().Render(wasRunning ? "closed: true (it was running and was stopped)" : "closed: true"));
    }

    private ToolOutput? Find(string agentId, out Subagent agent)
    {
        lock (_gate)
        {
            return _agents.TryGetValue(agentId, out agent!) ? null : Missing(agentId);
        }
    }

    // Call under _gate.
    private ToolOutput Missing(string agentId)
    {
        if (_closedIds.Contains(agentId))
        {
            return ToolOutput.Error($"Agent '{agentId}' was closed. Spawn a new agent with spawn_agent.");
        }

        var active = _agents.Keys.Order(StringComparer.Ordinal).ToList();
        return ToolOutput.Error($"Unknown agent id '{agentId}'. Active agents: {(active.Count == 0 ? "(none)" : string.Join(", ", active))}.");
    }

    private async Task<(IExecutionEnvironment? Environment, string? Error)> ScopeAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var root = spec.Environment.WorkingDirectory;
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory, root));
        }
        catch (ArgumentException exception)
        {
            return (null, $"Invalid working_dir '{workingDirectory}': {exception.Message}");
        }

        var relative = Path.GetRelativePath(root, full);
        if (relative == ".")
        {
            return (spec.Environment, null);
        }

        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return (null, $"Invalid working_dir '{workingDirectory}': it must be a subdirectory of the working directory {root}.");
        }

        try
        {
            _ = await spec.Environment.ListDirectoryAsync(full, 1, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"Invalid working_dir '{workingDirectory}': {full} is not an existing directory.");
        }

        return (new ScopedExecutionEnvironment(spec.Environment, full), null);
    }

    private async Task CloseAllAsync()
    {
        Subagent[] agents;
        lock (_gate)
        {
            _closing = true;
            agents = [.. _agents.Values];
            _closedIds.UnionWith(_agents.Keys);
            _agents.Clear();
        }

        await Task.WhenAll(agents.Select(agent => agent.CloseAsync())).ConfigureAwait(false);
    }
}
