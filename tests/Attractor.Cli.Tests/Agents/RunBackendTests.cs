// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Running;
using Attractor.TestSupport;

namespace Attractor.Cli.Tests.Agents;

/// <summary><c>run</c> and <c>resume</c> with <c>--backend</c>, and the default chosen by the keys that are set, against a scripted fake OpenAI.</summary>
public sealed class RunBackendTests
{
    private const string OneStage = """
        digraph Notes {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            write [prompt="Create notes.txt with one line"]
            start -> write -> exit
        }
        """;

    [Fact]
    public async Task The_agent_backend_runs_a_session_per_node_in_the_current_directory()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        temp.Write("notes.dot", OneStage);
        openAI.Calls("write_file", new { file_path = Path.Combine(temp.FullPath, "notes.txt"), content = "one line\n" })
            .Says("Wrote notes.txt.");

        var run = await CliProcess.RunAsync(openAI.Environment, temp.FullPath, "run", "notes.dot", "--backend", "agent", "--logs-root", "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("one line\n", File.ReadAllText(Path.Combine(temp.FullPath, "notes.txt")));
        Assert.Contains("Wrote notes.txt.", File.ReadAllText(Path.Combine(temp.FullPath, "run", "write", "response.md")), StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
        Assert.DoesNotContain("sk-test-not-a-real-key", run.Stdout, StringComparison.Ordinal);

        // The agent's steps are progress lines of their stage.
        var agentLines = run.StdoutLines.Where(static l => l.Contains("] agent ", StringComparison.Ordinal)).Select(static l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(3, agentLines.Count);
        Assert.Equal("agent tool     write: write_file notes.txt", agentLines[0]);
        Assert.StartsWith("agent result   write: write_file: ", agentLines[1], StringComparison.Ordinal);
        Assert.Equal("agent said     write: Wrote notes.txt.", agentLines[2]);
    }

    [Fact]
    public async Task The_llm_backend_makes_one_model_call_per_node()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dot", OneStage);
        openAI.Says("Here is the line you asked for.");
        var logs = Path.Combine(temp.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--backend", "llm", "--logs-root", logs], CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Here is the line you asked for.", File.ReadAllText(Path.Combine(logs, "write", "response.md")), StringComparison.Ordinal);
        var request = Assert.Single(openAI.Server.Requests);
        Assert.Contains("Create notes.txt with one line", request.Body, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task With_a_key_set_the_default_is_the_agent_backend_and_a_note_says_so()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dot", OneStage);
        openAI.Says("Nothing needed.");
        var logs = Path.Combine(temp.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--logs-root", logs], CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["attractor: " + BackendSelection.AgentNote], run.StderrLines);
        Assert.Contains("Nothing needed.", File.ReadAllText(Path.Combine(logs, "write", "response.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--backend", "simulate")]
    [InlineData("--simulate", null)]
    public async Task Simulate_named_either_way_runs_without_a_model_and_without_a_note(string option, string? value)
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dot", OneStage);
        var logs = Path.Combine(temp.FullPath, "run");
        string[] args = value is null ? ["run", path, option, "--logs-root", logs] : ["run", path, option, value, "--logs-root", logs];

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, args, CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.Contains("[Simulated] Response for stage: write", File.ReadAllText(Path.Combine(logs, "write", "response.md")), StringComparison.Ordinal);
        Assert.Empty(openAI.Server.Requests);
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("llm")]
    public async Task A_backend_that_needs_a_key_without_one_names_the_variables_before_anything_runs(string backend)
    {
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dot", OneStage);
        var logs = Path.Combine(temp.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--backend", backend, "--logs-root", logs]);

        Assert.Equal(ExitCodes.ConfigurationError, run.ExitCode);
        Assert.Equal([$"attractor: missing API key: the '{backend}' backend needs an LLM provider API key; set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or use --backend simulate)"], run.StderrLines);
        Assert.Empty(run.Stdout);
        Assert.False(Directory.Exists(logs), "nothing may run");
    }

    [Fact]
    public async Task A_node_that_selects_its_own_backend_runs_on_it_while_the_others_run_on_the_runs_backend()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.Write("mixed.dot", """
            digraph Mixed {
                graph [model_stylesheet=".direct { llm_backend: llm; }"]
                start  [shape=Mdiamond]
                exit   [shape=Msquare]
                draft  [prompt="Draft the notes"]
                polish [prompt="Polish the notes", class="direct"]
                start -> draft -> polish -> exit
            }
            """);
        openAI.Says("Polished by the model.");
        var logs = Path.Combine(temp.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--backend", "simulate", "--logs-root", logs], CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[Simulated] Response for stage: draft", File.ReadAllText(Path.Combine(logs, "draft", "response.md")), StringComparison.Ordinal);
        Assert.Contains("Polished by the model.", File.ReadAllText(Path.Combine(logs, "polish", "response.md")), StringComparison.Ordinal);
        var request = Assert.Single(openAI.Server.Requests);
        Assert.Contains("Polish the notes", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_whose_backend_cannot_run_fails_once_with_the_fix_and_is_not_retried()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("keyless.dot", """
            digraph Keyless {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [prompt="Needs a model", llm_backend="agent", max_retries=3]
                start -> work -> exit
            }
            """);
        var logs = Path.Combine(temp.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--backend", "simulate", "--logs-root", logs]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Node 'work' runs on backend 'agent' (llm_backend on the node), which cannot run", run.ToString(), StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", run.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", run.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Simulate_and_another_backend_contradict_each_other()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("notes.dot", OneStage);

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--simulate", "--backend", "agent"]);

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("attractor: --simulate and --backend agent contradict each other; pass one of them", run.StderrLines);
    }

    [Fact]
    public async Task Resume_continues_with_the_backend_it_is_given()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var path = temp.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(temp.FullPath, "run");

        // Stopped at the gate: nothing answers it.
        var first = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--simulate", "--logs-root", logs]);
        Assert.True(first.ExitCode == ExitCodes.UsageError, first.ToString());
        openAI.Says("Shipped for real.");

        var resumed = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["resume", logs, "--answers", "A", "--backend", "llm"], CliRun.WithEnvironment(openAI.Environment));

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Contains("[Simulated] Response for stage: work", File.ReadAllText(Path.Combine(logs, "work", "response.md")), StringComparison.Ordinal);
        Assert.Contains("Shipped for real.", File.ReadAllText(Path.Combine(logs, "ship", "response.md")), StringComparison.Ordinal);
        Assert.Single(openAI.Server.Requests);
    }
}
