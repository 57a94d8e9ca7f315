// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Attractor.Build.Tasks.Tests;

/// <summary>The tasks without a CLI process: arguments, and how each kind of output line is logged.</summary>
public sealed class TaskUnitTests : IDisposable
{
    private const string Project = "/projects/My App";
    private readonly string _temp = Directory.CreateTempSubdirectory("attractor-task-tests-").FullName;
    private readonly MockBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void RunPipeline_passes_paths_relative_to_the_project_and_every_option()
    {
        var assembly = Path.Combine(_temp, "App.dll");
        File.WriteAllText(assembly, string.Empty);
        var task = NewRun();
        task.LogsRoot = "/tmp/my runs/x";
        task.Simulate = true;
        task.Answers = " A,R ";
        task.RunnerAssembly = assembly;

        Assert.Equal(
            $"/tools/Attractor.Cli.dll run pipelines/x.dot --logs-root \"/tmp/my runs/x\" --simulate --answers \"A,R\" --assembly {assembly} --require-handlers",
            task.CommandLineArguments);
    }

    [Fact]
    public void RunPipeline_defaults_pass_only_the_file_and_require_handlers()
    {
        var task = NewRun();
        task.AutoApprove = true;
        task.RunnerAssembly = Path.Combine(_temp, "not-built-yet.dll");
        task.RequireHandlers = true;

        Assert.Equal("/tools/Attractor.Cli.dll run pipelines/x.dot --auto-approve --require-handlers", task.CommandLineArguments);
    }

    [Fact]
    public void RunPipeline_passes_each_context_value_as_set()
    {
        var task = NewRun();
        task.RequireHandlers = false;
        task.Context = ["ticket=ABC-1", " ", "note=two words"];

        Assert.Equal("/tools/Attractor.Cli.dll run pipelines/x.dot --set ticket=ABC-1 --set \"note=two words\"", task.CommandLineArguments);
    }

    [Fact]
    public void RunPipeline_logs_root_inside_the_project_is_relative()
    {
        var task = NewRun();
        task.LogsRoot = Project + "/runs/one";
        task.RequireHandlers = false;

        Assert.Equal("/tools/Attractor.Cli.dll run pipelines/x.dot --logs-root runs/one", task.CommandLineArguments);
    }

    [Fact]
    public void ValidatePipelines_lists_every_file_and_quotes_spaces()
    {
        var task = new ValidatePipelines
        {
            BuildEngine = _engine,
            CliPath = "/tools/Attractor.Cli.dll",
            WorkingDirectory = Project,
            Pipelines = [new TaskItem(Project + "/a.dot"), new TaskItem(Project + "/sub dir/b.dot"), new TaskItem("/elsewhere/c.dot")],
        };

        Assert.Equal("/tools/Attractor.Cli.dll validate a.dot \"sub dir/b.dot\" /elsewhere/c.dot", task.CommandLineArguments);
    }

    [Fact]
    public void Diagnostic_lines_become_errors_and_warnings_at_their_file_line_and_column()
    {
        var task = NewRun();

        task.LogCliOutputLine("pipelines/x.dot(3,8): error ATR2001: Graph 'x' has no start node. [start_node]");
        task.LogCliOutputLine("pipelines/x.dot(5,31): warning ATR2010: Bad fidelity. [fidelity_valid]");
        task.LogCliOutputLine("pipelines/x.dot(1,1): info ATR2022: Just so you know. [info_rule]");

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("ATR2001", Project + "/pipelines/x.dot", 3, 8), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Equal("Graph 'x' has no start node. [start_node]", error.Message);
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(("ATR2010", Project + "/pipelines/x.dot", 5, 31), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
        var info = Assert.Single(_engine.Messages);
        Assert.Equal(("ATR2022", 1, MessageImportance.High), (info.Code, info.LineNumber, info.Importance));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void The_unknown_type_warning_is_dropped_when_custom_types_are_expected(bool expected, int warnings)
    {
        var task = NewRun();
        task.CustomTypesExpected = expected;

        task.LogCliOutputLine("pipelines/x.dot(15,12): warning ATR2009: Node 'stamp' has type 'release.stamp', for which no handler is registered. [type_known]");

        Assert.Equal(warnings, _engine.Warnings.Count);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void Problem_lines_are_errors_at_the_pipeline_file_and_notes_are_messages()
    {
        var task = NewRun();

        task.LogCliOutputLine("attractor: node 'stamp' has type 'release.stamp', which has no handler");
        task.LogCliOutputLine("attractor: note: codergen nodes run simulated");

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("ATR5002", Project + "/pipelines/x.dot"), (error.Code, error.File));
        Assert.Contains("'release.stamp'", error.Message, StringComparison.Ordinal);
        var note = Assert.Single(_engine.Messages);
        Assert.Equal(MessageImportance.Normal, note.Importance);
    }

    [Fact]
    public void An_unanswerable_gate_names_the_msbuild_properties()
    {
        var task = NewRun();

        task.LogCliOutputLine("attractor: the human gate 'approve' asks \"Ship?\", but standard input is not a terminal; pass --auto-approve, or --answers with one answer per gate");

        Assert.EndsWith("(from MSBuild: -p:PipelineAutoApprove=true, or -p:PipelineAnswers=\"A,B\")", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_lines_are_high_importance_messages_and_a_quoted_tool_error_is_not_an_error()
    {
        var task = NewRun();

        task.LogCliOutputLine("[00:01.00] stage failed  build: exit 1 | a.cs(1,2): error CS0001: boom (will retry)");

        Assert.Empty(_engine.Errors);
        var message = Assert.Single(_engine.Messages);
        Assert.Equal(MessageImportance.High, message.Importance);
    }

    [Fact]
    public void The_run_directory_comes_from_the_summary_line()
    {
        var task = NewRun();

        task.LogCliOutputLine("running Hello; logs: .attractor/runs/Hello-1");
        Assert.Equal(Project + "/.attractor/runs/Hello-1", task.RunDirectory);
        task.LogCliOutputLine("run succeeded in 0.18s: 6 nodes completed; logs: /tmp/runs/Hello-1-restart-1");
        Assert.Equal("/tmp/runs/Hello-1-restart-1", task.RunDirectory);
    }

    [Theory]
    [InlineData("review", 4, 5)]
    [InlineData("run tests", 5, 8)]
    [InlineData("missing", 0, 0)]
    public void Node_declarations_are_found_bare_or_quoted_but_not_inside_other_ids(string id, int line, int column)
    {
        var file = Path.Combine(_temp, "x.dot");
        File.WriteAllText(file, "digraph X {\n    pre_review [prompt=\"review [x]\"]\n    start -> review\n    review [prompt=\"Review\"]\n    a; \"run tests\" [shape=parallelogram]\n}\n");

        Assert.Equal((line, column), NodeLocator.Find(file, id));
    }

    [Fact]
    public void A_missing_cli_is_an_error_at_the_pipeline()
    {
        var task = NewRun();
        task.CliPath = Path.Combine(_temp, "missing", "Attractor.Cli.dll");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("ATR5004", Project + "/pipelines/x.dot"), (error.Code, error.File));
    }

    [Fact]
    public void Auto_approve_with_answers_is_refused_before_anything_runs()
    {
        var task = NewRun();
        task.AutoApprove = true;
        task.Answers = "A";

        Assert.False(task.Execute());

        Assert.Equal("ATR5010", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void An_unknown_progress_importance_is_an_error()
    {
        var cli = Path.Combine(_temp, "Attractor.Cli.dll");
        File.WriteAllText(cli, string.Empty);
        var task = NewRun();
        task.CliPath = cli;
        task.ProgressImportance = "loud";

        Assert.False(task.Execute());

        Assert.Equal("ATR5009", Assert.Single(_engine.Errors).Code);
    }

    [Fact]
    public void RunAgent_passes_the_task_as_one_argument_and_only_the_options_set()
    {
        var task = new RunAgent
        {
            BuildEngine = _engine,
            CliPath = "/tools/Attractor.Cli.dll",
            WorkingDirectory = Project,
            AgentTask = "Fix the \"build\"; then\nrun the tests",
            Profile = " anthropic ",
            MaxTurns = "",
            ReasoningEffort = "high",
        };

        Assert.Equal(
            ["/tools/Attractor.Cli.dll", "agent", "Fix the \"build\"; then\nrun the tests", "--working-directory", Project, "--profile", "anthropic", "--reasoning-effort", "high"],
            task.Arguments);
    }

    [Fact]
    public void A_missing_key_is_its_own_error_worded_for_msbuild()
    {
        var task = new RunAgent { BuildEngine = _engine, CliPath = "/tools/Attractor.Cli.dll", WorkingDirectory = Project, AgentTask = "x" };
        var run = NewRun();

        task.LogCliOutputLine("attractor: missing API key: GEMINI_API_KEY is not set; set it to your API key to use --profile gemini");
        run.LogCliOutputLine("attractor: missing API key: OPENAI_API_KEY is not set; set it to your API key to use --backend agent");

        Assert.Equal(
            [
                ("ATR5011", "/projects/App/App.csproj", "missing API key: GEMINI_API_KEY is not set; set it to your API key to use -p:AgentProfile=gemini"),
                ("ATR5011", Project + "/pipelines/x.dot", "missing API key: OPENAI_API_KEY is not set; set it to your API key to use -p:PipelineBackend=agent"),
            ],
            _engine.Errors.Select(static e => (e.Code, e.File, e.Message)));
    }

    private RunPipeline NewRun() => new()
    {
        BuildEngine = _engine,
        CliPath = "/tools/Attractor.Cli.dll",
        WorkingDirectory = Project,
        Pipeline = new TaskItem(Project + "/pipelines/x.dot"),
    };
}
