// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>
/// <c>render</c>, and <c>run --require-handlers</c> / <c>--assembly</c> without a compiled project (the MSBuild
/// integration tests run them with one).
/// </summary>
public sealed class RenderAndRunnerOptionsTests : IDisposable
{
    private const string Custom = """
        digraph Custom {
            start [shape=Mdiamond, label="Start"]
            exit [shape=Msquare]
            stamp [type="release.stamp", label="Say \"hi\""]
            start -> stamp [label="go"]
            stamp -> exit
        }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Require_handlers_refuses_a_custom_type_without_handler_and_names_it()
    {
        var file = _directory.Write("custom.dot", Custom);
        var logs = Path.Combine(_directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", file, "--require-handlers", "--logs-root", logs);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("attractor: node 'stamp' has type 'release.stamp', which has no handler: no --assembly was given.", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs));
    }

    [Fact]
    public async Task Without_require_handlers_a_custom_type_still_falls_back_as_before()
    {
        var file = _directory.Write("custom.dot", Custom);

        var run = await CliRun.InProcessAsync("run", file, "--simulate", "--logs-root", Path.Combine(_directory.FullPath, "run"));

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_missing_assembly_is_a_usage_error()
    {
        var file = _directory.Write("custom.dot", Custom);

        var run = await CliRun.InProcessAsync("run", file, "--assembly", Path.Combine(_directory.FullPath, "nope.dll"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--assembly '", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nope.dll' does not exist", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_mermaid_writes_shapes_labels_and_edges()
    {
        var file = _directory.Write("custom.dot", Custom);

        var run = await CliRun.InProcessAsync("render", file, "--format", "mermaid");

        Assert.Equal(0, run.ExitCode);
        var markdown = File.ReadAllText(Path.Combine(_directory.FullPath, "custom.md"));
        Assert.Contains("""
            flowchart TD
                n0(["Start"])
                n1[["exit"]]
                n2["Say #quot;hi#quot;"]
                n0 -->|"go"| n2
                n2 --> n1
            ```
            """.ReplaceLineEndings("\n"), markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("classDef", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_colours_nodes_by_a_run_and_keeps_an_unchanged_file_untouched()
    {
        var file = _directory.Write("custom.dot", Custom);
        var logs = Path.Combine(_directory.FullPath, "runs", "Custom-1");
        var ran = await CliRun.InProcessAsync("run", file, "--simulate", "--logs-root", logs);
        Assert.Equal(0, ran.ExitCode);

        var run = await CliRun.InProcessAsync("render", file, "--format", "dot", "--last-run-in", Path.Combine(_directory.FullPath, "runs"));

        Assert.Equal(0, run.ExitCode);
        var output = Path.Combine(_directory.FullPath, "custom.gv");
        var dot = File.ReadAllText(output);
        Assert.Contains("\"stamp\" [label=\"Say \\\"hi\\\"\", shape=\"box\", fillcolor=\"#c8e6c9\"]", dot, StringComparison.Ordinal);
        Assert.Contains("\"exit\" [label=\"exit\", shape=\"Msquare\"]", dot, StringComparison.Ordinal);
        File.SetLastWriteTimeUtc(output, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, (await CliRun.InProcessAsync("render", file, "--format", "dot", "--run", logs)).ExitCode);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(output));
    }

    [Fact]
    public async Task Render_svg_with_a_missing_graphviz_is_a_usage_error()
    {
        var file = _directory.Write("custom.dot", Custom);

        var run = await CliRun.InProcessAsync("render", file, "--graphviz", Path.Combine(_directory.FullPath, "no-dot"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("was not found; install Graphviz", run.Stderr, StringComparison.Ordinal);
    }
}
