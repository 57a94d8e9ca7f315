// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>Creates sessions from a provider profile: its tools, its layered system prompt and its context window.</summary>
public static class ProviderProfileSessions
{
    /// <summary>Builds the profile's system prompt from the environment and starts a session with the profile's tool registry.</summary>
    /// <param name="profile">The provider profile; its <see cref="IProviderProfile.Id"/> names the client's provider.</param>
    /// <param name="client">The LLM client with an adapter registered under the profile's id.</param>
    /// <param name="environment">Where tools run; owned by the caller.</param>
    /// <param name="userInstructions">Instructions appended last to the system prompt; <see langword="null"/> for none.</param>
    /// <param name="config">Limits and switches; its context window defaults to the profile's.</param>
    /// <param name="cancellationToken">Cancels building the system prompt.</param>
    /// <returns>The session.</returns>
    public static async Task<Session> CreateSessionAsync(this IProviderProfile profile, LlmClient client, IExecutionEnvironment environment, string? userInstructions = null, SessionConfig? config = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var prompt = await SystemPromptBuilder.BuildAsync(profile, environment, userInstructions, null, cancellationToken).ConfigureAwait(false);
        var effective = config ?? new SessionConfig();
        if (effective.ContextWindowSize is null)
        {
            effective = effective with { ContextWindowSize = profile.ContextWindowSize };
        }

        return new Session(client, profile.Id, profile.Model, environment, profile.ToolRegistry, prompt, effective);
    }
}
