// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Facts about this library that tools and prompts report.</summary>
public static class AgentInfo
{
    /// <summary>Gets the name the agent reports in environment context and user agents.</summary>
    public const string Name = "attractor-agent";
}
