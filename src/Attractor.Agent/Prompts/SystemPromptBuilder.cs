// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>Assembles the layered system prompt (spec §6.1).</summary>
public static class SystemPromptBuilder
{
    /// <summary>Captures the environment context and project documents, then builds the profile's system prompt.</summary>
    /// <param name="profile">The provider profile.</param>
    /// <param name="environment">The execution environment.</param>
    /// <param name="userInstructions">Instructions from the user, appended last; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for today's date; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the capture.</param>
    /// <returns>The final system prompt.</returns>
    public static async Task<string> BuildAsync(IProviderProfile profile, IExecutionEnvironment environment, string? userInstructions, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(environment);
        var model = profile is ProviderProfile builtIn ? builtIn.ModelDisplayName : profile.Model;
        var context = await EnvironmentContext.CaptureAsync(environment, model, timeProvider, cancellationToken).ConfigureAwait(false);
        var documents = await ProjectDocuments.DiscoverAsync(environment, context.Git?.Root, profile.ProjectDocumentNames, cancellationToken).ConfigureAwait(false);
        return profile.BuildSystemPrompt(context, documents, userInstructions);
    }

    /// <summary>Joins the five layers in order; empty layers are left out.</summary>
    /// <param name="baseInstructions">The provider-specific base instructions.</param>
    /// <param name="environment">The environment context.</param>
    /// <param name="tools">The active tool definitions.</param>
    /// <param name="projectDocuments">The discovered project instructions.</param>
    /// <param name="userInstructions">The user's instructions, highest priority.</param>
    /// <returns>The system prompt.</returns>
    public static string Build(string baseInstructions, EnvironmentContext environment, IReadOnlyList<ToolDefinition> tools, string projectDocuments, string? userInstructions)
    {
        ArgumentNullException.ThrowIfNull(baseInstructions);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(tools);
        var layers = new List<string> { baseInstructions.Trim(), environment.Render() };
        if (tools.Count > 0)
        {
            var block = new StringBuilder("<tools>\n");
            foreach (var tool in tools)
            {
                _ = block.Append("- ").Append(tool.Name).Append(": ").Append(tool.Description.ReplaceLineEndings(" ").Trim()).Append('\n');
            }

            layers.Add(block.Append("</tools>").ToString());
        }

        if (!string.IsNullOrWhiteSpace(projectDocuments))
        {
            layers.Add("<project_instructions>\n" + projectDocuments.Trim() + "\n</project_instructions>");
        }

        if (!string.IsNullOrWhiteSpace(userInstructions))
        {
            layers.Add("<user_instructions>\n" + userInstructions.Trim() + "\n</user_instructions>");
        }

        return string.Join("\n\n", layers);
    }
}
