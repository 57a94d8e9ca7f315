// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Agent;
using Attractor.Cli.Progress;
using Attractor.Cli.Running;
using Attractor.Llm;

namespace Attractor.Cli.Agents;

/// <summary>
/// Runs one coding-agent session for <c>attractor agent</c>: picks the profile whose key is set, shows the session's
/// events as they come, aborts it on Ctrl+C (the session kills its running commands and ends) and turns the
/// outcome into an exit code and a summary line.
/// </summary>
internal static class AgentRun
{
    /// <summary>The problem printed when no provider key is set at all.</summary>
    public static readonly string NoKeyProblem =
        ProviderKeys.MissingKeyPrefix + "no provider key is set; set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY to your API key (and choose with --profile)";

    public static async Task<int> RunAsync(AgentRequest request, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(services);

        var (workingDirectory, problem) = CheckRequest(request);
        var environment = services.EnvironmentVariables;
        var profileName = request.Profile ?? ProviderKeys.DefaultProfile(environment);
        problem ??= profileName is null ? NoKeyProblem
            : !ProviderKeys.HasKey(profileName, environment) ? ProviderKeys.MissingKey(ProviderKeys.VariableFor(profileName), $"use --profile {profileName}")
            : null;
        if (problem is not null || profileName is null || workingDirectory is null)
        {
            await console.WriteProblemAsync(problem ?? NoKeyProblem, cancellationToken).ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        LlmClient client;
        try
        {
            client = LlmClient.FromEnv(environment);
        }
        catch (ConfigurationException exception)
        {
            await console.WriteProblemAsync(exception.Message, cancellationToken).ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        using (client)
        {
            var profile = CreateProfile(profileName, request.Model);
            var time = services.TimeProvider;
            var origin = time.GetUtcNow();
            var started = time.GetTimestamp();
            var shownDirectory = PipelineSession.DisplayPath(workingDirectory);
            var header = console.IsOutputTerminal
                ? TerminalColors.Dim($"attractor agent · {profile.Id} · {profile.Model} · {workingDirectory}", console.UseColor)
                : $"agent {profile.Id} {profile.Model}; working directory: {(shownDirectory.Length == 0 ? "." : shownDirectory)}";
            await console.Out.WriteLineAsync(header.AsMemory(), cancellationToken).ConfigureAwait(false);

            var executionEnvironment = new LocalExecutionEnvironment(workingDirectory);
            await executionEnvironment.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var config = new SessionConfig { MaxTurns = request.MaxTurns, ReasoningEffort = request.ReasoningEffort };
            IAgentView view = console.IsOutputTerminal
                ? new TerminalAgentView(console.Out, console.UseColor, workingDirectory)
                : new PlainAgentView(console.Out, origin, workingDirectory);

            var outcome = new AgentOutcome();
            await using (var session = await profile.CreateSessionAsync(client, executionEnvironment, userInstructions: null, config, cancellationToken).ConfigureAwait(false))
            {
                var showing = ShowAsync(session, view, outcome);
                var submitted = session.SubmitAsync(request.Task, CancellationToken.None);
                try
                {
                    await submitted.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    outcome.Cancelled = true;
                }
                catch (LlmException exception)
                {
                    outcome.Failure ??= exception.Message;
                }
                finally
                {
                    // Ends the session whichever way it went: cancels the model call, kills running commands and
                    // emits SESSION_END, after which the event stream completes.
                    await session.AbortAsync().ConfigureAwait(false);
                    await showing.ConfigureAwait(false);
                    await view.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            return await SummarizeAsync(outcome, time.GetElapsedTime(started), console).ConfigureAwait(false);
        }
    }

    private static (string? WorkingDirectory, string? Problem) CheckRequest(AgentRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Task))
        {
            return (null, "the task is empty; say what the agent should do, e.g. attractor agent \"add a README\"");
        }

        if (request.MaxTurns < 0)
        {
            return (null, "--max-turns must be a positive number (0 means no limit)");
        }

        if (request.Profile is { } profile && !ProviderKeys.Profiles.Contains(profile))
        {
            return (null, $"--profile '{profile}' is not one of {string.Join(", ", ProviderKeys.Profiles)}");
        }

        string directory;
        try
        {
            directory = Path.GetFullPath(request.WorkingDirectory ?? Environment.CurrentDirectory);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, $"--working-directory '{request.WorkingDirectory}' is not a valid path: {exception.Message}");
        }

        return Directory.Exists(directory) ? (directory, null) : (null, $"--working-directory '{request.WorkingDirectory}' does not exist");
    }

    private static ProviderProfile CreateProfile(string profile, string? model) => (profile, model) switch
    {
        (ProviderKeys.Anthropic, null) => ProviderProfile.Anthropic(),
        (ProviderKeys.Anthropic, { } m) => ProviderProfile.Anthropic(m),
        (ProviderKeys.Gemini, null) => ProviderProfile.Gemini(),
        (ProviderKeys.Gemini, { } m) => ProviderProfile.Gemini(m),
        (_, null) => ProviderProfile.OpenAI(),
        (_, { } m) => ProviderProfile.OpenAI(m),
    };

    private static async Task ShowAsync(Session session, IAgentView view, AgentOutcome outcome)
    {
        // Not cancellable: after Ctrl+C the session still reports its end, and it must be shown.
        await foreach (var sessionEvent in session.Events.ConfigureAwait(false))
        {
            switch (sessionEvent.Kind)
            {
                case SessionEventKind.ToolCallEnd:
                    outcome.ToolCalls++;
                    if (sessionEvent.Data.TryGetValue("is_error", out var isError) && isError is true)
                    {
                        outcome.FailedToolCalls++;
                    }

                    break;
                case SessionEventKind.TurnLimit:
                    outcome.TurnLimit = true;
                    break;
                case SessionEventKind.Error:
                    outcome.Failure ??= sessionEvent.GetString("message");
                    break;
            }

            await view.ShowAsync(sessionEvent, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> SummarizeAsync(AgentOutcome outcome, TimeSpan elapsed, CliConsole console)
    {
        var (status, exitCode, reason) = outcome switch
        {
            { Cancelled: true } => ("cancelled", ExitCodes.Cancelled, null),
            { Failure: { } failure } => ("failed", ExitCodes.AgentFailed, failure),
            { TurnLimit: true } => ("stopped", ExitCodes.AgentFailed, "the turn limit was reached before the task was done (raise --max-turns)"),
            _ => ("succeeded", ExitCodes.Success, (string?)null),
        };

        // Written even after Ctrl+C: the user needs to know how the session ended.
        if (reason is not null)
        {
            await console.Out.WriteLineAsync(("failure: " + ProgressLineFormatter.OneLine(reason)).AsMemory(), CancellationToken.None).ConfigureAwait(false);
        }

        var calls = outcome.ToolCalls.ToString(CultureInfo.InvariantCulture) + (outcome.ToolCalls == 1 ? " tool call" : " tool calls");
        var failed = outcome.FailedToolCalls > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({outcome.FailedToolCalls} failed)") : string.Empty;
        var summary = $"agent {status} in {ProgressLineFormatter.Seconds(elapsed)}: {calls}{failed}";
        await console.Out.WriteLineAsync(summary.AsMemory(), CancellationToken.None).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>What the event stream told about the session's end.</summary>
    private sealed class AgentOutcome
    {
        public int ToolCalls { get; set; }

        public int FailedToolCalls { get; set; }

        public bool TurnLimit { get; set; }

        public bool Cancelled { get; set; }

        public string? Failure { get; set; }
    }
}
