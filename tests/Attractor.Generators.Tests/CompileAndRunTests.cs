// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Reflection;
using System.Runtime.Loader;
using Attractor.Pipelines;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests;

/// <summary>
/// The generated runner as a consumer gets it: compiled with the project's own code against the
/// real Attractor.Dot and Attractor.Pipelines, loaded, and run with a custom node implemented
/// through the generated partial method.
/// </summary>
public sealed class CompileAndRunTests
{
    private const string Pipeline = """
        digraph CodeReview {
            goal = "Ship the change"
            start  [shape=Mdiamond]
            review [label="Re\"view\" it", prompt="Review the change for $goal"]
            deploy [type="deploy", label="Deploy"]
            exit   [shape=Msquare]
            start -> review -> deploy -> exit
        }
        """;

    private const string Implementation = """
        using System.Threading;
        using System.Threading.Tasks;
        using Attractor.Pipelines;
        using Attractor.Pipelines.Handlers;

        namespace MyApp.Pipelines;

        public sealed partial class CodeReviewPipeline
        {
            private partial Task<Outcome> HandleDeployAsync(StageExecution stage, CancellationToken cancellationToken) =>
                Task.FromResult(Outcome.Success("deployed") with
                {
                    ContextUpdates = new System.Collections.Generic.Dictionary<string, object?> { ["deployed_node"] = stage.Node.Id == Nodes.Deploy ? "yes" : "wrong node" },
                });
        }
        """;

    [Fact]
    public async Task The_generated_runner_compiles_loads_and_runs_the_custom_node_through_the_partial_method()
    {
        var run = GeneratorHarness.Run(Implementation, GeneratorHarness.Dot("pipelines/code_review.dot", Pipeline));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.GeneratedCodeDiagnostics);

        var context = new AssemblyLoadContext("generated-runner", isCollectible: true);
        try
        {
            var assembly = Load(run.OutputCompilation, context);
            var type = assembly.GetType("MyApp.Pipelines.CodeReviewPipeline", throwOnError: true)!;
            var runner = Activator.CreateInstance(type)!;
            var logs = Path.Combine(Path.GetTempPath(), "attractor-gen-" + Guid.NewGuid().ToString("N"));
            try
            {
                var task = (Task<PipelineResult>)type.GetMethod("RunAsync")!.Invoke(runner, [new PipelineRunOptions { LogsRoot = logs }, CancellationToken.None])!;
                var result = await task;

                Assert.Equal(StageStatus.Success, result.Status);
                Assert.Equal(["start", "review", "deploy"], result.CompletedNodes);
                Assert.Equal("yes", result.Context.Get("deployed_node"));
            }
            finally
            {
                if (Directory.Exists(logs))
                {
                    Directory.Delete(logs, recursive: true);
                }
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public async Task ResumeAsync_continues_an_interrupted_run_with_the_partial_methods_and_reruns_no_completed_node()
    {
        const string pipeline = """
            digraph Release {
                start   [shape=Mdiamond]
                prepare [type="stamp"]
                deploy  [type="deploy"]
                verify  [type="stamp"]
                exit    [shape=Msquare]
                start -> prepare -> deploy -> verify -> exit
            }
            """;
        const string implementation = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Attractor.Pipelines;
            using Attractor.Pipelines.Handlers;

            namespace MyApp;

            public static class Journal
            {
                public static List<string> Calls { get; } = new();

                public static CancellationTokenSource? Interrupt { get; set; }
            }

            public sealed partial class ReleasePipeline
            {
                private partial Task<Outcome> HandleStampAsync(StageExecution stage, CancellationToken cancellationToken)
                {
                    Journal.Calls.Add("stamp " + stage.Node.Id);
                    return Task.FromResult(Outcome.Success());
                }

                private partial Task<Outcome> HandleDeployAsync(StageExecution stage, CancellationToken cancellationToken)
                {
                    Journal.Calls.Add("deploy " + stage.Node.Id);

                    // Stands for Ctrl+C while the node runs: the run stops with the checkpoint after 'prepare'.
                    if (Journal.Interrupt is { } interrupt)
                    {
                        Journal.Interrupt = null;
                        interrupt.Cancel();
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    return Task.FromResult(Outcome.Success());
                }
            }
            """;
        var run = GeneratorHarness.Run(implementation, GeneratorHarness.Dot("release.dot", pipeline));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.GeneratedCodeDiagnostics);

        var context = new AssemblyLoadContext("generated-resume", isCollectible: true);
        var logs = Path.Combine(Path.GetTempPath(), "attractor-gen-" + Guid.NewGuid().ToString("N"));
        try
        {
            var assembly = Load(run.OutputCompilation, context);
            var type = assembly.GetType("MyApp.ReleasePipeline", throwOnError: true)!;
            var journal = assembly.GetType("MyApp.Journal", throwOnError: true)!;
            var calls = (List<string>)journal.GetProperty("Calls")!.GetValue(null)!;
            using var interrupt = new CancellationTokenSource();
            journal.GetProperty("Interrupt")!.SetValue(null, interrupt);

            var runAsync = type.GetMethod("RunAsync")!;
            var first = (Task<PipelineResult>)runAsync.Invoke(Activator.CreateInstance(type), [new PipelineRunOptions { LogsRoot = logs }, interrupt.Token])!;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            Assert.Equal(["stamp prepare", "deploy deploy"], calls);

            calls.Clear();
            var resumeAsync = type.GetMethod("ResumeAsync", [typeof(string), typeof(PipelineRunOptions), typeof(CancellationToken)]);
            Assert.NotNull(resumeAsync);
            Assert.Equal(typeof(Task<PipelineResult>), resumeAsync.ReturnType);

            // A fresh instance, as a new process would have: nothing but the run directory carries over.
            var result = await (Task<PipelineResult>)resumeAsync.Invoke(Activator.CreateInstance(type), [logs, null, CancellationToken.None])!;

            Assert.Equal(StageStatus.Success, result.Status);
            Assert.Equal(["deploy deploy", "stamp verify"], calls);
            Assert.Equal(["start", "prepare", "deploy", "verify"], result.CompletedNodes);
            Assert.Equal(logs, result.LogsRoot);
        }
        finally
        {
            context.Unload();
            if (Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
        }
    }

    [Fact]
    public void The_graph_is_built_by_code_with_the_ids_attributes_and_spans_of_the_file()
    {
        var run = GeneratorHarness.Run(Implementation, GeneratorHarness.Dot("pipelines/code_review.dot", Pipeline));
        var context = new AssemblyLoadContext("generated-graph", isCollectible: true);
        try
        {
            var type = Load(run.OutputCompilation, context).GetType("MyApp.Pipelines.CodeReviewPipeline", throwOnError: true)!;
            var graph = (Attractor.Dot.PipelineGraph)type.GetProperty("Graph")!.GetValue(null)!;
            var parsed = Attractor.Dot.PipelineLoader.Default.Load(Pipeline).Graph;

            Assert.Null(graph.FilePath);
            Assert.Equal(parsed.Id, graph.Id);
            Assert.Equal(parsed.IdSpan, graph.IdSpan);
            Assert.Equal(Describe(parsed), Describe(graph));
            Assert.Equal("Review the change for Ship the change", graph.FindNode("review")!.Prompt);

            // An escape in a value: positions inside it still map to the same column of the file.
            var label = parsed.FindNode("review")!.Attributes.Get("label")!;
            var rebuilt = graph.FindNode("review")!.Attributes.Get("label")!;
            Assert.Equal("Re\"view\" it", rebuilt.Value);
            Assert.Equal(label.LocateInValue(8, 2), rebuilt.LocateInValue(8, 2));
            Assert.Equal(label.ValueSpan.StartColumn + 10, rebuilt.LocateInValue(8, 2).StartColumn);
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void A_missing_partial_implementation_is_compile_error_CS8795()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("pipelines/code_review.dot", Pipeline));

        var error = Assert.Single(run.CompilationErrors);
        Assert.Equal("CS8795", error.Id);
        Assert.Contains("HandleDeployAsync", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("pipelines_code_review.dot.g.cs", error.Location.SourceTree!.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_code_compiles_in_a_project_pinned_to_CSharp_9()
    {
        var csharp9 = GeneratorHarness.ParseOptions.WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9);
        var files = new[] { GeneratorHarness.Dot("pipelines/code_review.dot", Pipeline) };
        var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, parseOptions: csharp9), GeneratorHarness.Compilation(parseOptions: csharp9));

        Assert.NotEmpty(run.Sources);
        Assert.Equal(["CS8795"], run.CompilationErrors.Select(e => e.Id));
        Assert.DoesNotContain(run.GeneratedCodeDiagnostics, d => d.Id != "CS8795");
    }

    private static Assembly Load(Compilation compilation, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image);
    }

    private static List<string> Describe(Attractor.Dot.PipelineGraph graph) =>
    [
        .. graph.Attributes.Select(a => "graph " + a + " " + a.Kind + " " + a.Origin + " " + a.Span + " " + a.ValueSpan),
        .. graph.Nodes.SelectMany(n => n.Attributes.Select(a => n.Id + " " + n.Span + " " + a + " " + a.Kind + " " + a.Origin + " " + a.Span + " " + a.ValueSpan)),
        .. graph.Edges.Select(e => e + " " + e.Span + " " + e.FromSpan + " " + e.ToSpan + " " + string.Join(",", e.Attributes)),
    ];
}
