// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

public sealed class ResumeCommandTests
{
    [Fact]
    public async Task A_missing_directory_exits_2()
    {
        var run = await CliRun.InProcessAsync("resume", "no-such-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(["attractor: 'no-such-run' does not exist"], run.StderrLines);
    }

    [Fact]
    public async Task A_directory_without_a_checkpoint_exits_2()
    {
        using var directory = new TempDirectory();

        var run = await CliRun.InProcessAsync("resume", directory.FullPath);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("has no checkpoint.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_checkpoint_exits_2()
    {
        using var directory = new TempDirectory();
        directory.Write("checkpoint.json", "{ not json");
        directory.Write("pipeline.dot", RunPipelines.Gate);

        var run = await CliRun.InProcessAsync("resume", directory.FullPath);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is not valid JSON", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_finished_run_reruns_nothing_and_exits_0()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");
        Assert.Equal(0, (await CliRun.InProcessAsync("run", path, "--simulate", "--auto-approve", "--logs-root", logs)).ExitCode);

        var run = await CliRun.InProcessAsync("resume", logs, "--simulate");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("resuming Gate; logs: " + logs, run.StdoutLines[0]);
        Assert.DoesNotContain("stage started", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("run succeeded in ", run.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_records_its_backend_and_resume_without_backend_uses_it()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");
        Assert.Equal(0, (await CliRun.InProcessAsync("run", path, "--backend", "simulate", "--auto-approve", "--logs-root", logs)).ExitCode);
        Assert.Contains("\"backend\": \"simulate\"", File.ReadAllText(Path.Combine(logs, "manifest.json")), StringComparison.Ordinal);

        var run = await CliRun.InProcessAsync("resume", logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("attractor: note: resuming on the 'simulate' backend the run started on (manifest.json); pass --backend to choose another.", run.StderrLines);

        // No guess by the environment on top of the recorded choice.
        Assert.DoesNotContain("no LLM provider API key is set", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_does_not_silently_fall_back_to_simulation_when_the_recorded_backend_needs_a_missing_key()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");
        Assert.Equal(0, (await CliRun.InProcessAsync("run", path, "--simulate", "--auto-approve", "--logs-root", logs)).ExitCode);
        var manifestPath = Path.Combine(logs, "manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"backend\": \"simulate\"", "\"backend\": \"agent\"", StringComparison.Ordinal));

        var recorded = await CliRun.InProcessAsync("resume", logs);
        var overridden = await CliRun.InProcessAsync("resume", logs, "--backend", "simulate");

        Assert.True(recorded.ExitCode == 2, recorded.ToString());
        Assert.Contains("the 'agent' backend needs an LLM provider API key", recorded.Stderr, StringComparison.Ordinal);
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Assert.DoesNotContain("resuming on the", overridden.Stderr, StringComparison.Ordinal);
    }
}
