// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Attractor.Build.Tasks.Tests;

/// <summary>Cancelling <see cref="RunPipeline"/> (what MSBuild does on Ctrl+C) stops the CLI and the tools it started.</summary>
[Collection(SampleBuildCollection.Name)]
public sealed class CancellationTests(SampleBuildFixture fixture)
{
    [Fact]
    public async Task Cancel_stops_the_run_promptly_and_no_tool_process_survives()
    {
        var (directory, pipeline, seconds) = WriteSlowPipeline("cancel-", "97.");
        var engine = new MockBuildEngine();
        var task = new RunPipeline
        {
            BuildEngine = engine,
            CliPath = fixture.CliPath,
            WorkingDirectory = directory,
            Pipeline = new TaskItem(pipeline),
            LogsRoot = Path.Combine(directory, "run"),
        };

        var execute = Task.Run(task.Execute);
        await WaitUntilAsync(() => SleepProcesses(seconds).Length > 0, () => "the tool never started: " + engine.Describe());
        var stopwatch = Stopwatch.StartNew();
        task.Cancel();
        var succeeded = await execute.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(succeeded);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {stopwatch.Elapsed}");
        await WaitUntilAsync(() => SleepProcesses(seconds).Length == 0, () => "the tool process outlived the cancelled task");

        // SIGTERM first: the CLI stopped the run itself and printed how to resume it.
        Assert.Contains(engine.Messages, static m => m.Message!.StartsWith("run cancelled", StringComparison.Ordinal));
        // The CLI ended by itself, so the task explains exit code 130, and nothing else is an error.
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("ATR5006", "The attractor CLI was cancelled."), (error.Code, error.Message));
        Assert.True(File.Exists(Path.Combine(directory, "run", "checkpoint.json")), engine.Describe());
    }

    [Fact]
    public async Task Ctrl_C_on_dotnet_msbuild_stops_the_pipeline_and_its_tools()
    {
        var (directory, pipeline, seconds) = WriteSlowPipeline("ctrl-c-", "96.");
        var output = new System.Text.StringBuilder();

        using var msbuild = fixture.StartDotnet("PipelineBuildStep", ["msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=" + pipeline, "-p:PipelineLogsRoot=" + Path.Combine(directory, "run")], output, out var pumps);
        try
        {
            // The first build of this sample may happen here (building the project comes first): allow for it.
            await WaitUntilAsync(() => SleepProcesses(seconds).Length > 0 || msbuild.HasExited, () => "the tool never started: " + Snapshot(output), seconds: 180);
            Assert.False(msbuild.HasExited, "the build ended before its pipeline ran: " + Snapshot(output));
            using (var interrupt = Process.Start("kill", ["-INT", msbuild.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await msbuild.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await pumps;

            Assert.True(msbuild.ExitCode != 0, Snapshot(output));
            await WaitUntilAsync(() => SleepProcesses(seconds).Length == 0, () => "the tool process outlived the cancelled build: " + Snapshot(output));
        }
        finally
        {
            if (!msbuild.HasExited)
            {
                msbuild.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Snapshot(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int[] SleepProcesses(string seconds)
    {
        var found = new List<int>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(proc, "cmdline")).Contains("sleep\0" + seconds, StringComparison.Ordinal)
                    || File.ReadAllText(Path.Combine(proc, "cmdline")).Contains("sleep " + seconds, StringComparison.Ordinal))
                {
                    found.Add(int.Parse(Path.GetFileName(proc), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process directory, or the process ended while we looked.
            }
        }

        return [.. found];
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> failure, int seconds = 30)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(seconds), failure());
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Writes a pipeline whose tool sleeps for a duration no other process on the machine uses
    /// (<paramref name="secondsPrefix"/> plus random digits), so the process checks find only this test's tool.
    /// </summary>
    private (string Directory, string Pipeline, string Seconds) WriteSlowPipeline(string directoryPrefix, string secondsPrefix)
    {
        var seconds = secondsPrefix + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var directory = Path.Combine(fixture.Root, directoryPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var pipeline = Path.Combine(directory, "slow.dot");
        File.WriteAllText(pipeline, $$"""
            digraph Slow {
                start [shape=Mdiamond]
                exit [shape=Msquare]
                wait [shape=parallelogram, tool_command="sleep {{seconds}}"]
                start -> wait -> exit
            }
            """);
        return (directory, pipeline, seconds);
    }
}
