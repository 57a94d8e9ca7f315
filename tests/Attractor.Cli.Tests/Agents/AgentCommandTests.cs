// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using Attractor.TestSupport;

namespace Attractor.Cli.Tests.Agents;

/// <summary><c>attractor agent</c> against a scripted fake OpenAI server: real tools in a real temp directory.</summary>
public sealed partial class AgentCommandTests
{
    [Fact]
    public async Task The_agent_creates_a_file_and_streams_one_plain_line_per_event()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var target = Path.Combine(temp.FullPath, "hello.txt");
        openAI.Calls("write_file", new { file_path = target, content = "Hello from the agent\n" }, text: "I'll create the file.")
            .Says("Created hello.txt.\nAll done.");

        var run = await CliProcess.RunAsync(openAI.Environment, temp.FullPath, "agent", "Create hello.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Hello from the agent\n", File.ReadAllText(target));
        var lines = run.StdoutLines.Select(static l => ElapsedPrefix().Replace(l, "[t]")).ToList();
        Assert.Equal(
            [
                "agent openai gpt-5.2-codex; working directory: .",
                "[t] session started openai gpt-5.2-codex",
                "[t] user input     Create hello.txt",
                "[t] assistant      I'll create the file.",
                "[t] tool started   write_file hello.txt",
                lines[5],
                "[t] assistant      Created hello.txt.",
                "                          All done.",
                "[t] session ended  closed",
                lines[9],
            ],
            lines);
        Assert.StartsWith("[t] tool done      write_file: ", lines[5], StringComparison.Ordinal);
        Assert.Matches(@"^agent succeeded in \d+\.\d\ds: 1 tool call$", lines[9]);
        Assert.Empty(run.Stderr);
        Assert.DoesNotContain("sk-test-not-a-real-key", run.Stdout + run.Stderr, StringComparison.Ordinal);

        // The tool's result went back to the model in the second request.
        Assert.Equal(2, openAI.Server.Requests.Count);
        Assert.Contains("function_call_output", openAI.Server.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_text_is_shown_as_is_and_tool_calls_as_short_marked_lines()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        temp.Write("notes.txt", "one\ntwo\nthree\n");
        openAI.Calls("read_file", new { file_path = Path.Combine(temp.FullPath, "notes.txt") })
            .Calls("shell", new { command = "exit 4" })
            .Says("The file has three lines.");

        var run = await CliRun.InProcessAsync(
            new ConsoleSetup(OutputIsTerminal: true),
            ["agent", "Count the lines of notes.txt", "--working-directory", temp.FullPath],
            CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdoutLines;
        Assert.Equal($"attractor agent · openai · gpt-5.2-codex · {temp.FullPath}", lines[0]);
        Assert.Equal("● read_file notes.txt", lines[1]);
        Assert.StartsWith("  └ ", lines[2], StringComparison.Ordinal);
        Assert.Contains("(+2 lines)", lines[2], StringComparison.Ordinal);
        Assert.Equal("● shell exit 4", lines[3]);
        Assert.StartsWith("  ✗ ", lines[4], StringComparison.Ordinal);
        Assert.Equal("The file has three lines.", lines[5]);
        Assert.Matches(@"^agent succeeded in \d+\.\d\ds: 2 tool calls \(1 failed\)$", lines[6]);
        Assert.Equal(7, lines.Count);
        Assert.DoesNotContain("\u001b[", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_provider_key_it_names_the_variables_to_set()
    {
        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["agent", "Do something"]);

        Assert.Equal(ExitCodes.ConfigurationError, run.ExitCode);
        Assert.Equal(["attractor: missing API key: no provider key is set; set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY to your API key (and choose with --profile)"], run.StderrLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task A_profile_without_its_key_names_that_variable_and_never_prints_a_key()
    {
        var environment = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-secret-value" };

        var run = await CliProcess.RunAsync(environment, null, "agent", "Do something", "--profile", "anthropic");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["attractor: missing API key: ANTHROPIC_API_KEY is not set; set it to your API key to use --profile anthropic"], run.StderrLines);
        Assert.DoesNotContain("sk-secret-value", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_profile_defaults_to_the_provider_whose_key_is_set_and_takes_the_model()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        openAI.Says("Nothing to do.");

        var run = await CliRun.InProcessAsync(
            ConsoleSetup.Redirected,
            ["agent", "Nothing", "--model", "gpt-5.2", "--max-turns", "3", "--reasoning-effort", "low", "--working-directory", temp.FullPath],
            CliRun.WithEnvironment(openAI.Environment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("agent openai gpt-5.2; working directory: ", run.StdoutLines[0], StringComparison.Ordinal);
        var request = Assert.Single(openAI.Server.Requests).Json;
        Assert.Equal("gpt-5.2", request.GetProperty("model").GetString());
        Assert.Equal("low", request.GetProperty("reasoning").GetProperty("effort").GetString());
    }

    [Fact]
    public async Task The_turn_limit_stops_the_session_with_exit_code_1()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        openAI.Calls("glob", new { pattern = "*.txt" });

        var run = await CliRun.InProcessAsync(
            ConsoleSetup.Redirected,
            ["agent", "Look around", "--max-turns", "1", "--working-directory", temp.FullPath],
            CliRun.WithEnvironment(openAI.Environment));

        Assert.Equal(ExitCodes.AgentFailed, run.ExitCode);
        Assert.Contains(run.StdoutLines, static l => l.EndsWith("] turn limit     1 turns", StringComparison.Ordinal));
        Assert.Contains("failure: the turn limit was reached before the task was done (raise --max-turns)", run.StdoutLines);
        Assert.StartsWith("agent stopped in ", run.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_aborts_the_session_kills_its_command_and_exits_130()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var marker = Path.Combine(temp.FullPath, "marker.txt");
        openAI.Calls("shell", new { command = $"echo $$ > '{marker}'; sleep 60", timeout_ms = 120_000 });
        using var interrupt = new CancellationTokenSource();

        var running = CliRun.InProcessAsync(
            ConsoleSetup.Redirected,
            ["agent", "Wait a minute", "--working-directory", temp.FullPath],
            CliRun.WithEnvironment(openAI.Environment),
            interrupt.Token);
        var pid = await WaitForPidAsync(marker);
        await interrupt.CancelAsync();
        var run = await running;

        Assert.Equal(ExitCodes.Cancelled, run.ExitCode);
        Assert.Contains(run.StdoutLines, static l => l.EndsWith("] session ended  closed", StringComparison.Ordinal));
        Assert.StartsWith("agent cancelled in ", run.StdoutLines[^1], StringComparison.Ordinal);
        Assert.False(CliProcess.Signal(pid, 0), "the shell command must be killed with the session");
    }

    [Fact]
    public async Task Sigint_to_the_real_process_ends_the_session_and_its_command_with_exit_code_130()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        using var temp = new TempDirectory();
        var marker = Path.Combine(temp.FullPath, "marker.txt");
        openAI.Calls("shell", new { command = $"echo $$ > '{marker}'; sleep 60", timeout_ms = 120_000 });

        using var agent = CliProcess.Start(openAI.Environment, temp.FullPath, "agent", "Wait a minute");
        var pid = await WaitForPidAsync(marker);
        Assert.True(CliProcess.Signal(agent.Process.Id, CliProcess.SigInt));
        var run = await agent.WaitAsync();

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains(run.StdoutLines, static l => l.EndsWith("] session ended  closed", StringComparison.Ordinal));
        Assert.StartsWith("agent cancelled in ", run.StdoutLines[^1], StringComparison.Ordinal);
        await RunCommandTests.WaitUntilAsync(() => !CliProcess.Signal(pid, 0));
    }

    private static async Task<int> WaitForPidAsync(string marker)
    {
        // Generous: the CI machine is busy; the command itself would sleep for a minute.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(marker) && int.TryParse(File.ReadAllText(marker).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the shell command never started");
    }

    [GeneratedRegex(@"^\[\d\d:\d\d\.\d\d\]")]
    private static partial Regex ElapsedPrefix();
}
