// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>What a session created from a profile is made of; a subagent's is its parent's with a few values changed.</summary>
/// <param name="Profile">The provider profile: tools, base instructions, project document names.</param>
/// <param name="Client">The LLM client.</param>
/// <param name="Environment">Where tools run.</param>
/// <param name="Model">The model id (a subagent may override its parent's).</param>
/// <param name="UserInstructions">The last layer of the system prompt, or null.</param>
/// <param name="Config">The session's limits and switches.</param>
/// <param name="Depth">0 for a top-level session, 1 for its subagents, and so on.</param>
/// <param name="AgentIdPrefix">The prefix of the ids this session gives its subagents (<c>agent-</c>, then <c>agent-1.</c> for agent-1's).</param>
internal sealed record ProfileSessionSpec(
    IProviderProfile Profile,
    LlmClient Client,
    IExecutionEnvironment Environment,
    string Model,
    string? UserInstructions,
    SessionConfig Config,
    int Depth,
    string AgentIdPrefix);
