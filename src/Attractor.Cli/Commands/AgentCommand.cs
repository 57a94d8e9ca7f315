// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Agents;
using Attractor.Cli.Running;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor agent "&lt;task&gt;" [--profile openai|anthropic|gemini] [--model M] [--max-turns N] [--reasoning-effort E] [--working-directory DIR]</c>:
/// runs one coding-agent session in the current directory and shows what it does, exiting 0 (the agent finished),
/// 1 (a provider error, or the turn limit), 2 (usage problem or a missing API key), 3 (internal error) or 130 (interrupted).
/// </summary>
public static class AgentCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "agent";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    /// <param name="services">The clock and the environment variables keys are read from; <see cref="RunServices.Default"/> when null.</param>
    public static Command Create(CliConsole console, RunServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        var task = new Argument<string>("task")
        {
            Description = "What the agent should do, in plain words.",
        };

        var profile = new Option<string?>("--profile")
        {
            Description = "The provider profile: openai, anthropic or gemini. Default: the first whose API key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY).",
            HelpName = "name",
        };
        profile.AcceptOnlyFromAmong([.. ProviderKeys.Profiles]);

        var model = new Option<string?>("--model")
        {
            Description = "The model, as the provider names it. Default: the profile's model.",
            HelpName = "model",
        };

        var maxTurns = new Option<int>("--max-turns")
        {
            Description = "The most model calls the session may make; 0 (default) for no limit.",
            HelpName = "n",
        };

        var reasoningEffort = new Option<string?>("--reasoning-effort")
        {
            Description = "The model's reasoning effort: low, medium or high.",
            HelpName = "effort",
        };
        reasoningEffort.AcceptOnlyFromAmong("low", "medium", "high");

        var workingDirectory = new Option<string?>("--working-directory")
        {
            Description = "The directory the agent works in. Default: the current directory.",
            HelpName = "dir",
        };

        var command = new Command(Name, "Run a coding agent on a task in the current directory, showing its messages and tool calls as they happen.")
        {
            task,
            profile,
            model,
            maxTurns,
            reasoningEffort,
            workingDirectory,
        };

        command.SetAction((parseResult, cancellationToken) => AgentRun.RunAsync(
            new AgentRequest(parseResult.GetValue(task) ?? string.Empty)
            {
                Profile = parseResult.GetValue(profile),
                Model = parseResult.GetValue(model),
                MaxTurns = parseResult.GetValue(maxTurns),
                ReasoningEffort = parseResult.GetValue(reasoningEffort),
                WorkingDirectory = parseResult.GetValue(workingDirectory),
            },
            console,
            services ?? RunServices.Default,
            cancellationToken));

        return command;
    }
}
