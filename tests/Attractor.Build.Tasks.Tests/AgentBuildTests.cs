// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace Attractor.Build.Tasks.Tests;

/// <summary><c>dotnet msbuild -t:RunAgent</c> in a real MSBuild process, the agent talking to a scripted fake OpenAI server.</summary>
[Collection(SampleBuildCollection.Name)]
public sealed class AgentBuildTests(SampleBuildFixture fixture)
{
    [Fact]
    public async Task RunAgent_runs_a_session_in_the_project_directory_and_logs_its_events()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        var name = "agent-" + Guid.NewGuid().ToString("N") + ".txt";
        var target = Path.Combine(fixture.Project("HelloPipeline"), name);
        openAI.Calls("write_file", new { file_path = target, content = "written by the agent\n" }, text: "Writing the file.")
            .Says("Done: the file is written.");

        try
        {
            var run = await fixture.DotnetAsync(openAI.Environment, "HelloPipeline", "msbuild", "-restore", "-t:RunAgent", $"-p:AgentTask=\"Write {name}; then say done\"", "-p:AgentModel=gpt-5.2");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("written by the agent\n", File.ReadAllText(target));
            Assert.Contains("agent openai gpt-5.2; working directory: .", run.Output, StringComparison.Ordinal);
            Assert.Contains($"tool started   write_file {name}", run.Output, StringComparison.Ordinal);
            Assert.Contains("assistant      Done: the file is written.", run.Output, StringComparison.Ordinal);
            Assert.Contains("agent succeeded in ", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test-not-a-real-key", run.Output, StringComparison.Ordinal);

            // The task text reached the model unchanged, semicolon included.
            Assert.Contains($"Write {name}; then say done", openAI.Server.Requests[0].Body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public async Task RunAgent_without_a_key_is_exactly_one_error_naming_the_variable()
    {
        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunAgent", "-p:AgentTask=anything", "-p:AgentProfile=anthropic");

        Assert.True(run.ExitCode != 0, run.ToString());
        var errors = Regex.Matches(run.Output, @"error ATR\d{4}: .*$", RegexOptions.Multiline).Select(static m => m.Value.TrimEnd('\r')).Distinct().ToList();
        Assert.Equal(["error ATR5011: missing API key: ANTHROPIC_API_KEY is not set; set it to your API key to use -p:AgentProfile=anthropic [" + Path.Combine(fixture.Project("HelloPipeline"), "HelloPipeline.csproj") + "]"], errors);
    }

    [Fact]
    public async Task RunAgent_without_a_task_says_how_to_give_one()
    {
        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunAgent");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("error ATR5013: RunAgent needs a task: pass -p:AgentTask=\"what the agent should do\".", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_with_PipelineBackend_agent_runs_codergen_nodes_through_agent_sessions()
    {
        await using var openAI = await ScriptedOpenAI.StartAsync();
        var pipeline = WriteOneStagePipeline();
        var logs = Path.Combine(fixture.Root, "runs", "agent-" + Guid.NewGuid().ToString("N"));
        var written = Path.Combine(fixture.Root, "outside", "written-" + Guid.NewGuid().ToString("N") + ".txt");
        openAI.Calls("write_file", new { file_path = written, content = "from the pipeline's agent\n" })
            .Says("The file is written.");

        var run = await fixture.DotnetAsync(openAI.Environment, "HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=" + pipeline, "-p:PipelineBackend=agent", "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("from the pipeline's agent\n", File.ReadAllText(written));
        Assert.Contains("The file is written.", File.ReadAllText(Path.Combine(logs, "write", "response.md")), StringComparison.Ordinal);
        Assert.Contains("run succeeded", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-not-a-real-key", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_with_PipelineBackend_agent_without_a_key_is_exactly_one_error()
    {
        var pipeline = WriteOneStagePipeline();
        var logs = Path.Combine(fixture.Root, "runs", "nokey-" + Guid.NewGuid().ToString("N"));

        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=" + pipeline, "-p:PipelineBackend=agent", "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode != 0, run.ToString());
        var errors = Regex.Matches(run.Output, @"error ATR\d{4}: .*$", RegexOptions.Multiline).Select(static m => m.Value.TrimEnd('\r')).Distinct().ToList();
        Assert.Equal(["error ATR5011: missing API key: the 'agent' backend needs an LLM provider API key; set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or use -p:PipelineBackend=simulate) [" + Path.Combine(fixture.Project("HelloPipeline"), "HelloPipeline.csproj") + "]"], errors);
        Assert.False(Directory.Exists(logs), "nothing may run");
    }

    private string WriteOneStagePipeline()
    {
        var path = Path.Combine(fixture.Root, "outside", "one-stage-" + Guid.NewGuid().ToString("N") + ".dot");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, """
            digraph OneStage {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                write [prompt="Write the file"]
                start -> write -> exit
            }
            """);
        return path;
    }
}
