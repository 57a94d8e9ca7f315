// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Backends;
using Attractor.Dot;
using Attractor.Pipelines;

namespace Attractor.Cli.Tests;

/// <summary><c>attractor stats</c> on a real run directory written by the engine and the backend router.</summary>
public sealed class StatsCommandTests
{
    private const string Graph = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          flaky [prompt="Try", max_retries=2, simulate_error="503", simulate_error_attempts="1"]
          start -> flaky -> exit
        }
        """;

    [Fact]
    public async Task Stats_prints_a_runs_backend_numbers_as_lines_json_and_tables()
    {
        using var temp = new TempDirectory();
        var logs = Path.Combine(temp.FullPath, "run");
        using var telemetry = new BackendTelemetry("Attractor.Cli.Tests." + Guid.NewGuid().ToString("N"));
        await using (var router = new BackendRouter("simulate", _ => null, telemetry))
        {
            var result = await new PipelineRunner(new PipelineRunOptions { Backend = router, LogsRoot = logs, RetryBackoff = BackoffConfig.None, ErrorClassifier = BackendRetryRule.Classifier })
                .RunAsync(PipelineLoader.Default.Load(Graph).Graph);
            Assert.True(result.Succeeded, result.FailureReason);
        }

        var plain = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["stats", logs]);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains(plain.StdoutLines, line => line.StartsWith("backend simulate: started=2 completed=1 failed=1 canceled=0 deltas=1", StringComparison.Ordinal));
        Assert.Contains("failures simulate provider retryable: 1", plain.StdoutLines);
        Assert.Contains("retries simulate provider: 1", plain.StdoutLines);

        var json = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["stats", logs, "--json"]);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Stdout);
        var backend = document.RootElement.GetProperty("backends")[0];
        Assert.Equal(("simulate", 2, 1), (backend.GetProperty("backend").GetString(), backend.GetProperty("started").GetInt32(), backend.GetProperty("completed").GetInt32()));
        Assert.Equal("provider", document.RootElement.GetProperty("retries")[0].GetProperty("category").GetString());

        var table = await CliRun.InProcessAsync(new ConsoleSetup(OutputIsTerminal: true), ["stats", logs]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("Backends", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("simulate", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("retried", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_that_is_not_a_run_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["stats", temp.FullPath]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("not a run directory", run.Stderr, StringComparison.Ordinal);
    }
}
