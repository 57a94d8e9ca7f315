// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>Creates sessions from a provider profile: its tools plus the subagent tools, its layered system prompt and its context window.</summary>
public static class ProviderProfileSessions
{
    /// <summary>
    /// Builds the profile's system prompt from the environment and starts a session with the profile's tools (copied when
    /// the session starts) and the subagent tools spawn_agent, send_input, wait and close_agent (spec §7).
    /// </summary>
    /// <param name="profile">The provider profile; its <see cref="IProviderProfile.Id"/> names the client's provider.</param>
    /// <param name="client">The LLM client with an adapter registered under the profile's id.</param>
    /// <param name="environment">Where tools run, shared with the session's subagents; owned by the caller.</param>
    /// <param name="userInstructions">Instructions appended last to the system prompt; <see langword="null"/> for none.</param>
    /// <param name="config">Limits and switches; its context window defaults to the profile's.</param>
    /// <param name="cancellationToken">Cancels building the system prompt.</param>
    /// <returns>The session; disposing it closes its subagents.</returns>
    public static Task<Session> CreateSessionAsync(this IProviderProfile profile, LlmClient client, IExecutionEnvironment environment, string? userInstructions = null, SessionConfig? config = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(environment);
        var effective = config ?? new SessionConfig();
        if (effective.ContextWindowSize is null)
        {
            effective = effective with { ContextWindowSize = profile.ContextWindowSize };
        }

        return CreateAsync(new ProfileSessionSpec(profile, client, environment, profile.Model, userInstructions, effective, Depth: 0, AgentIdPrefix: "agent-"), cancellationToken);
    }

    /// <summary>Creates a top-level session or a subagent's session.</summary>
    /// <param name="spec">What the session is made of.</param>
    /// <param name="cancellationToken">Cancels building the system prompt.</param>
    /// <returns>The session, with its own subagent tools.</returns>
    internal static async Task<Session> CreateAsync(ProfileSessionSpec spec, CancellationToken cancellationToken)
    {
        var tools = new ToolRegistry();
        var profileTools = spec.Profile.ToolRegistry;
        foreach (var name in profileTools.Names())
        {
            if (profileTools.Get(name) is { } tool)
            {
                tools.Register(tool);
            }
        }

        var subagents = new SubagentManager(spec);
        foreach (var tool in SubagentTools.Create(subagents))
        {
            // A custom tool of the same name registered on the profile wins (spec §3.7).
            if (tools.Get(tool.Name) is null)
            {
                tools.Register(tool);
            }
        }

        var profile = new SessionProfile(spec.Profile, spec.Model, tools);
        var prompt = await BuildPromptAsync(spec, profile, cancellationToken).ConfigureAwait(false);
        var session = new Session(spec.Client, profile, spec.Environment, prompt, spec.Config);
        subagents.Attach(session);
        return session;
    }

    private static async Task<string> BuildPromptAsync(ProfileSessionSpec spec, SessionProfile profile, CancellationToken cancellationToken)
    {
        // The environment block names the model the way the built-in profile does: by its catalog display name.
        var model = spec.Profile is ProviderProfile builtIn && spec.Model == builtIn.Model
            ? builtIn.ModelDisplayName
            : ModelCatalog.Default.GetModelInfo(spec.Model)?.DisplayName ?? spec.Model;
        var context = await EnvironmentContext.CaptureAsync(spec.Environment, model, null, cancellationToken).ConfigureAwait(false);
        var documents = await ProjectDocuments.DiscoverAsync(spec.Environment, context.Git?.Root, profile.ProjectDocumentNames, cancellationToken).ConfigureAwait(false);
        return profile.BuildSystemPrompt(context, documents, spec.UserInstructions);
    }
}
