// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Cli.Tests;

/// <summary>
/// <c>attractor resume</c> of pipelines with custom node types: through the compiled project's generated runner
/// with <c>--assembly</c>, and refused without it rather than running those nodes with the codergen handler.
/// </summary>
public sealed class ResumeWithAssemblyTests : IDisposable
{
    private const string Release = """
        digraph Release {
            start   [shape=Mdiamond]
            prepare [type="stamp"]
            deploy  [type="deploy"]
            verify  [type="stamp"]
            exit    [shape=Msquare]
            start -> prepare -> deploy -> verify -> exit
        }
        """;

    private const string Gated = """
        digraph Gated {
            start   [shape=Mdiamond]
            approve [shape=hexagon, label="Ship it?"]
            deploy  [type="deploy"]
            exit    [shape=Msquare]
            start -> approve
            approve -> deploy [label="[A] Approve"]
            deploy -> exit
        }
        """;

    private readonly TempDirectory _directory = new();

    // The handlers of the compiled project and this test meet through process-wide AppDomain data (the project is
    // loaded into its own AssemblyLoadContext, so its static fields are out of reach); the key keeps tests apart.
    private readonly string _key = "attractor-resume-test-" + Guid.NewGuid().ToString("N");
    private readonly List<string> _calls = [];

    public ResumeWithAssemblyTests()
    {
        AppDomain.CurrentDomain.SetData(_key + ".calls", _calls);
    }

    private string Handlers => """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Attractor.Pipelines;
        using Attractor.Pipelines.Handlers;

        namespace MyApp.Pipelines;

        internal static class Journal
        {
            public static void Record(string call) => ((List<string>)AppDomain.CurrentDomain.GetData("KEY.calls")!).Add(call);

            // Ctrl+C while the node runs, once: the test's token cancels, the checkpoint stays after the last completed node.
            public static void InterruptOnce(CancellationToken cancellationToken)
            {
                if (AppDomain.CurrentDomain.GetData("KEY.interrupt") is CancellationTokenSource interrupt)
                {
                    AppDomain.CurrentDomain.SetData("KEY.interrupt", null);
                    interrupt.Cancel();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        public sealed partial class ReleasePipeline
        {
            private partial Task<Outcome> HandleStampAsync(StageExecution stage, CancellationToken cancellationToken)
            {
                Journal.Record("stamp " + stage.Node.Id);
                return Task.FromResult(Outcome.Success());
            }

            private partial Task<Outcome> HandleDeployAsync(StageExecution stage, CancellationToken cancellationToken)
            {
                Journal.Record("deploy " + stage.Node.Id);
                Journal.InterruptOnce(cancellationToken);
                return Task.FromResult(Outcome.Success());
            }
        }

        public sealed partial class GatedPipeline
        {
            private partial Task<Outcome> HandleDeployAsync(StageExecution stage, CancellationToken cancellationToken)
            {
                Journal.Record("gated deploy " + stage.Node.Id);
                return Task.FromResult(Outcome.Success());
            }
        }
        """.Replace("KEY", _key, StringComparison.Ordinal);

    public void Dispose()
    {
        AppDomain.CurrentDomain.SetData(_key + ".calls", null);
        AppDomain.CurrentDomain.SetData(_key + ".interrupt", null);
        _directory.Dispose();
    }

    [Fact]
    public async Task A_run_interrupted_through_assembly_resumes_through_the_same_runner_without_rerunning_completed_nodes()
    {
        var (assembly, release, _) = BuildProject();
        var logs = Path.Combine(_directory.FullPath, "run");
        using var interrupt = new CancellationTokenSource();
        AppDomain.CurrentDomain.SetData(_key + ".interrupt", interrupt);

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", release, "--assembly", assembly, "--require-handlers", "--logs-root", logs], cancellationToken: interrupt.Token);

        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
        Assert.Equal($"to continue: attractor resume {logs} --assembly {assembly}", run.StdoutLines[^1]);
        Assert.Equal(["stamp prepare", "deploy deploy"], _calls);
        Assert.False(File.Exists(Path.Combine(logs, RunDirectory.PipelineFileName)));
        using (var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(logs, RunManifest.FileName))))
        {
            Assert.Equal("MyApp.Pipelines.ReleasePipeline", manifest.RootElement.GetProperty("runner").GetString());
        }

        _calls.Clear();
        var resume = await CliRun.InProcessAsync("resume", logs, "--assembly", assembly);

        Assert.True(resume.ExitCode == ExitCodes.Success, resume.ToString());
        Assert.Equal("resuming Release; logs: " + logs, resume.StdoutLines[0]);
        Assert.Equal(["deploy deploy", "stamp verify"], _calls);
        Assert.DoesNotContain("stage started  prepare", resume.Stdout, StringComparison.Ordinal);
        Assert.Contains("stage started  verify (stamp)", resume.Stdout, StringComparison.Ordinal);
        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Equal(["start", "prepare", "deploy", "verify"], checkpoint.CompletedNodes);
    }

    [Fact]
    public async Task A_run_of_a_compiled_runner_is_not_resumed_without_assembly()
    {
        var (assembly, release, _) = BuildProject();
        var logs = Path.Combine(_directory.FullPath, "run");
        using var interrupt = new CancellationTokenSource();
        AppDomain.CurrentDomain.SetData(_key + ".interrupt", interrupt);
        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", release, "--assembly", assembly, "--logs-root", logs], cancellationToken: interrupt.Token);
        Assert.True(run.ExitCode == ExitCodes.Cancelled, run.ToString());
        _calls.Clear();

        var resume = await CliRun.InProcessAsync("resume", logs);

        Assert.True(resume.ExitCode == ExitCodes.UsageError, resume.ToString());
        Assert.Empty(resume.Stdout);
        Assert.Equal(
            [$"attractor: '{logs}' was run by the generated runner 'MyApp.Pipelines.ReleasePipeline', whose pipeline is compiled into its project: pass that project's assembly with --assembly"],
            resume.StderrLines);
        Assert.Empty(_calls);
        Assert.Equal(["start", "prepare"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
    }

    [Fact]
    public async Task Without_assembly_a_custom_node_type_refuses_the_resume_before_anything_runs()
    {
        var gated = _directory.Write("gated.dot", Gated);
        var logs = Path.Combine(_directory.FullPath, "run");
        var stopped = await CliRun.InProcessAsync("run", gated, "--logs-root", logs);
        Assert.True(stopped.ExitCode == ExitCodes.UsageError, stopped.ToString());
        var events = await File.ReadAllTextAsync(Path.Combine(logs, "events.jsonl"));

        var resume = await CliRun.InProcessAsync("resume", logs, "--auto-approve", "--require-handlers");

        Assert.True(resume.ExitCode == ExitCodes.UsageError, resume.ToString());

        // Only the pipeline copy's diagnostics (as validate prints them): no "resuming" line, no stage.
        Assert.Contains(": warning ATR2009: ", resume.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("1 file: 0 errors, 1 warning", resume.StdoutLines[^1]);
        Assert.Equal(2, resume.StdoutLines.Count);
        var problem = Assert.Single(resume.StderrLines);
        Assert.Equal(
            "attractor: node 'deploy' has type 'deploy', which has no handler: no --assembly was given. Resuming would run it with the codergen handler; "
            + "build the project that compiles this pipeline (its generated runner implements 'deploy') and pass it with --assembly",
            problem);
        Assert.Equal(["start"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
        Assert.Equal(events, await File.ReadAllTextAsync(Path.Combine(logs, "events.jsonl")));
    }

    [Fact]
    public async Task Without_assembly_a_host_handler_for_the_custom_type_lets_the_resume_run()
    {
        var gated = _directory.Write("gated.dot", Gated);
        var logs = Path.Combine(_directory.FullPath, "run");
        Assert.Equal(ExitCodes.UsageError, (await CliRun.InProcessAsync("run", gated, "--logs-root", logs)).ExitCode);
        var services = CliRun.WithoutProviderKeys with { Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal) { ["deploy"] = new RecordingHandler(_calls) } };

        var resume = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["resume", logs, "--auto-approve"], services);

        Assert.True(resume.ExitCode == ExitCodes.Success, resume.ToString());
        Assert.Equal(["host deploy"], _calls);
    }

    [Fact]
    public async Task A_run_started_from_the_file_resumes_through_the_runner_generated_from_it()
    {
        var (assembly, _, gated) = BuildProject();
        var logs = Path.Combine(_directory.FullPath, "run");
        var stopped = await CliRun.InProcessAsync("run", gated, "--logs-root", logs);
        Assert.True(stopped.ExitCode == ExitCodes.UsageError, stopped.ToString());
        Assert.True(File.Exists(Path.Combine(logs, RunDirectory.PipelineFileName)));

        var resume = await CliRun.InProcessAsync("resume", logs, "--auto-approve", "--assembly", assembly);

        Assert.True(resume.ExitCode == ExitCodes.Success, resume.ToString());
        Assert.Equal(["gated deploy deploy"], _calls);
        Assert.Equal(["start", "approve", "deploy"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
    }

    [Fact]
    public async Task An_assembly_without_the_recorded_runner_is_a_usage_problem()
    {
        var (assembly, _, _) = BuildProject();
        var logs = Path.Combine(_directory.FullPath, "run");
        Directory.CreateDirectory(logs);
        var checkpoint = new Checkpoint { CurrentNode = "start", CompletedNodes = ["start"] };
        await CheckpointStore.SaveAsync(logs, checkpoint);
        await File.WriteAllTextAsync(Path.Combine(logs, RunManifest.FileName), """{ "name": "Other", "runner": "MyApp.Pipelines.OtherPipeline" }""");

        var resume = await CliRun.InProcessAsync("resume", logs, "--assembly", assembly);

        Assert.True(resume.ExitCode == ExitCodes.UsageError, resume.ToString());
        Assert.Equal(
            [$"attractor: '{assembly}' has no generated runner 'MyApp.Pipelines.OtherPipeline', which started '{logs}'; pass the assembly of the project that ran it"],
            resume.StderrLines);
    }

    private (string Assembly, string Release, string Gated) BuildProject()
    {
        var release = _directory.Write("pipelines/release.dot", Release);
        var gated = _directory.Write("pipelines/gated.dot", Gated);
        return (CompiledProject.Build(_directory.FullPath, Handlers, release, gated), release, gated);
    }

    private sealed class RecordingHandler(List<string> calls) : INodeHandler
    {
        public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
        {
            calls.Add("host " + stage.Node.Id);
            return Task.FromResult(Outcome.Success());
        }
    }
}
