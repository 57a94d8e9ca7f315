// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent;

/// <summary>The runtime facts included in every system prompt (spec §6.3), captured once at session start.</summary>
/// <param name="WorkingDirectory">The environment's working directory.</param>
/// <param name="Platform">The platform: darwin, linux or windows.</param>
/// <param name="OSVersion">The operating system description.</param>
/// <param name="Date">Today's date.</param>
/// <param name="Model">The model's display name.</param>
/// <param name="Git">The git snapshot; <see langword="null"/> outside a repository.</param>
public sealed record EnvironmentContext(string WorkingDirectory, string Platform, string OSVersion, DateOnly Date, string Model, GitSnapshot? Git)
{
    private const int RecentCommitCount = 5;
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Captures the context through the environment, running git via its command execution.</summary>
    /// <param name="environment">The execution environment.</param>
    /// <param name="model">The model's display name.</param>
    /// <param name="timeProvider">The clock for today's date; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the capture.</param>
    /// <returns>The captured context.</returns>
    public static async Task<EnvironmentContext> CaptureAsync(IExecutionEnvironment environment, string model, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var now = (timeProvider ?? TimeProvider.System).GetLocalNow();
        var git = await CaptureGitAsync(environment, cancellationToken).ConfigureAwait(false);
        return new EnvironmentContext(environment.WorkingDirectory, environment.Platform, environment.OSVersion, DateOnly.FromDateTime(now.DateTime), model, git);
    }

    /// <summary>Renders the <c>&lt;environment&gt;</c> block.</summary>
    /// <returns>The block's text.</returns>
    public string Render()
    {
        var builder = new StringBuilder();
        _ = builder.AppendLine("<environment>")
            .AppendLine(CultureInfo.InvariantCulture, $"Working directory: {WorkingDirectory}")
            .AppendLine(CultureInfo.InvariantCulture, $"Is git repository: {(Git is null ? "false" : "true")}");
        if (Git is not null)
        {
            _ = builder.AppendLine(CultureInfo.InvariantCulture, $"Git branch: {(Git.Branch.Length == 0 ? "(detached HEAD)" : Git.Branch)}")
                .AppendLine(CultureInfo.InvariantCulture, $"Git status: {Git.ModifiedFiles} modified, {Git.UntrackedFiles} untracked");
            if (Git.RecentCommits.Count > 0)
            {
                _ = builder.AppendLine("Recent commits:");
                foreach (var commit in Git.RecentCommits)
                {
                    _ = builder.AppendLine(CultureInfo.InvariantCulture, $"  {commit}");
                }
            }
        }

        return builder.AppendLine(CultureInfo.InvariantCulture, $"Platform: {Platform}")
            .AppendLine(CultureInfo.InvariantCulture, $"OS version: {OSVersion}")
            .AppendLine(CultureInfo.InvariantCulture, $"Today's date: {Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")
            .AppendLine(CultureInfo.InvariantCulture, $"Model: {Model}")
            .Append("</environment>")
            .ToString();
    }

    private static async Task<GitSnapshot?> CaptureGitAsync(IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var root = await GitAsync(environment, "rev-parse --show-toplevel", cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var branch = await GitAsync(environment, "branch --show-current", cancellationToken).ConfigureAwait(false) ?? string.Empty;
        var status = await GitAsync(environment, "status --porcelain", cancellationToken).ConfigureAwait(false) ?? string.Empty;
        // A repository without commits has no log: git fails and the list stays empty.
        var log = await GitAsync(environment, $"log --oneline -n {RecentCommitCount}", cancellationToken).ConfigureAwait(false) ?? string.Empty;
        var statusLines = Lines(status);
        var untracked = statusLines.Count(line => line.StartsWith("??", StringComparison.Ordinal));
        return new GitSnapshot(Path.GetFullPath(root.Trim()), branch.Trim(), statusLines.Length - untracked, untracked, Lines(log));
    }

    private static async Task<string?> GitAsync(IExecutionEnvironment environment, string arguments, CancellationToken cancellationToken)
    {
        var result = await environment.ExecCommandAsync("git " + arguments, GitTimeout, null, null, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && !result.TimedOut ? result.Stdout : null;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
