// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Microsoft.Build.Framework;

namespace Attractor.Build.Tasks;

/// <summary>
/// Runs one coding-agent session in the project directory with <c>attractor agent</c>: each event line (assistant
/// text, tool calls, warnings) becomes a message; a missing API key is error ATR5011 naming the variable to set, a
/// failed session (provider error, turn limit) error ATR5012 with the reason.
/// </summary>
public sealed class RunAgent : AttractorCliTask
{
    /// <summary>The code of the error for a session that ran and failed.</summary>
    public const string AgentFailedCode = "ATR5012";

    private string? _failureReason;

    /// <summary>Gets or sets what the agent should do (<c>AgentTask</c>).</summary>
    [Required]
    public string AgentTask { get; set; } = string.Empty;

    /// <summary>Gets or sets the provider profile: <c>openai</c>, <c>anthropic</c> or <c>gemini</c>; empty for the first whose key is set.</summary>
    public string? Profile { get; set; }

    /// <summary>Gets or sets the model; empty for the profile's default.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the most model calls the session may make; empty or 0 for no limit.</summary>
    public string? MaxTurns { get; set; }

    /// <summary>Gets or sets the reasoning effort: <c>low</c>, <c>medium</c> or <c>high</c>; empty for the model's default.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets the arguments after <c>dotnet</c>, one item each (the task is free text, so it is never parsed from a command line).</summary>
    internal IReadOnlyList<string> Arguments
    {
        get
        {
            var arguments = new List<string> { CliPath, "agent", AgentTask, "--working-directory", WorkingDirectory };
            Add(arguments, "--profile", Profile);
            Add(arguments, "--model", Model);
            Add(arguments, "--max-turns", MaxTurns);
            Add(arguments, "--reasoning-effort", ReasoningEffort);
            return arguments;
        }
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands() =>
        string.Join(" ", Arguments.Select(static a => a.Length > 0 && a.All(static c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=') ? a : "\"" + a.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));

    /// <inheritdoc />
    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var startInfo = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);

        // The same arguments as logged, but passed one by one: quotes, semicolons or newlines in the task reach the agent unchanged.
        startInfo.Arguments = string.Empty;
        startInfo.ArgumentList.Clear();
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <inheritdoc />
    protected override string DescribeProblem(string problem) =>
        problem.Replace("--profile ", "-p:AgentProfile=", StringComparison.Ordinal)
            .Replace("--profile", "-p:AgentProfile", StringComparison.Ordinal)
            .Replace("--max-turns", "AgentMaxTurns", StringComparison.Ordinal)
            .Replace("--reasoning-effort", "AgentReasoningEffort", StringComparison.Ordinal)
            .Replace("--model", "AgentModel", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override void OnFailureLine(string reason) => _failureReason = reason;

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        if (ExitCode == 1 && !Log.HasLoggedErrors)
        {
            Log.LogError(null, AgentFailedCode, null, ErrorFile, 0, 0, 0, 0, "The agent failed: {0}", _failureReason ?? "see the messages above");
        }

        return base.HandleTaskExecutionErrors();
    }

    private static void Add(List<string> arguments, string option, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            arguments.Add(option);
            arguments.Add(value.Trim());
        }
    }
}
