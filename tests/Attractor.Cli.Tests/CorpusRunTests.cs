// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Cli.Running;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Cli.Tests;

/// <summary>
/// <c>attractor run --simulate --auto-approve</c> on every corpus file never crashes: a valid pipeline
/// succeeds or fails (exit 0 or 1), an invalid one is refused with its diagnostics (exit 2). Tool nodes are
/// replaced by a handler that runs nothing, as in the engine's corpus smoke test, since corpus files run
/// arbitrary shell commands (git, swift, rm).
/// </summary>
public sealed class CorpusRunTests
{
    /// <summary>How long a simulated run may take; some corpus pipelines loop until a flag no simulation sets.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    private static readonly RunServices NoShell = new()
    {
        Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal) { ["tool"] = new NoOpToolHandler() },
    };

    public static TheoryData<string, int> Files()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, verdict) in CorpusTests.ReadVerdictTable())
        {
            data.Add(file, verdict);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_pipeline_runs_without_crashing_the_cli(string file, int validateExitCode)
    {
        using var directory = new TempDirectory();
        var logs = Path.Combine(directory.FullPath, "run");
        using var limit = new CancellationTokenSource(Limit);
        var stopwatch = Stopwatch.StartNew();

        var run = await CliRun.InProcessAsync(
            ConsoleSetup.Redirected,
            ["run", Path.Combine(TestFiles.CorpusDirectory, file), "--simulate", "--auto-approve", "--logs-root", logs],
            NoShell,
            limit.Token);

        Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
        if (validateExitCode != 0)
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains(" error ATR", run.Stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(logs));
            return;
        }

        Assert.True(run.ExitCode is 0 or 1 || (run.ExitCode == 130 && limit.IsCancellationRequested), run.ToString());
        Assert.True(File.Exists(CheckpointStore.PathFor(logs)), run.ToString());
        Assert.Matches("^run (succeeded|failed|cancelled) in ", run.StdoutLines.First(static l => l.StartsWith("run ", StringComparison.Ordinal)));
        Assert.True(stopwatch.Elapsed < Limit + TimeSpan.FromSeconds(5), "cancellation should end the run promptly");
    }

    /// <summary>Stands in for the tool handler: succeeds without running the command.</summary>
    private sealed class NoOpToolHandler : INodeHandler
    {
        public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken) =>
            Task.FromResult(Outcome.Success("tool not run in the corpus test"));
    }
}
