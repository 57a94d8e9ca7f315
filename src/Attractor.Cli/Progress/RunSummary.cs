// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Cli.Progress;

/// <summary>
/// The last line of <c>run</c> and <c>resume</c>:
/// <c>run succeeded in 1.25s: 6 nodes completed; logs: .attractor/runs/hello-20260101-120000</c>.
/// The status word is <c>succeeded</c>, <c>failed</c>, <c>cancelled</c> (Ctrl+C) or <c>stopped</c> (the CLI
/// stopped it, e.g. <c>--answers</c> ran out).
/// </summary>
internal static class RunSummary
{
    public static string Format(string status, int completedNodes, TimeSpan elapsed, string logsRoot)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(logsRoot);
        var nodes = completedNodes.ToString(CultureInfo.InvariantCulture) + (completedNodes == 1 ? " node" : " nodes");
        return $"run {status} in {ProgressLineFormatter.Seconds(elapsed)}: {nodes} completed; logs: {logsRoot}";
    }
}
