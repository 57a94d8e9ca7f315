// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;

namespace Attractor.Backends;

/// <summary>An event of the agent session working on a pipeline stage, as passed to <see cref="PipelineBackendOptions.OnAgentEvent"/>.</summary>
/// <param name="NodeId">The node the session is working on.</param>
/// <param name="StageDirectory">The node's stage directory (where <c>agent-events.jsonl</c> is written).</param>
/// <param name="Event">The session event (tool calls, assistant text, warnings, errors...).</param>
public sealed record AgentStageEvent(string NodeId, string StageDirectory, SessionEvent Event);
