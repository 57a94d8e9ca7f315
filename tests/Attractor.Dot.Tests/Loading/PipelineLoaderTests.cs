// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Dot.Tests.Loading;

public sealed class PipelineLoaderTests
{
    private const string ValidPipeline = """
        digraph Review {
            graph [goal="Ship the feature"]
            start [shape=Mdiamond]
            work  [prompt="Work towards: $goal"]
            exit  [shape=Msquare]
            start -> work -> exit
        }
        """;

    [Fact]
    public void Load_valid_pipeline_has_no_diagnostics_and_applies_built_in_transforms()
    {
        var pipeline = new PipelineLoader().Load(ValidPipeline, "review.dot");

        Assert.Empty(pipeline.Diagnostics);
        Assert.False(pipeline.HasErrors);
        Assert.Empty(pipeline.Errors);
        Assert.True(pipeline.IsStructurallyComplete);
        Assert.Equal("Work towards: Ship the feature", pipeline.Graph.FindNode("work")!.Prompt);
        Assert.Equal("review.dot", pipeline.Graph.FilePath);
    }

    [Fact]
    public void Load_applies_the_model_stylesheet_before_validation()
    {
        const string Text = """
            digraph G {
                graph [model_stylesheet="* { llm_model: base-model; } #work { llm_model: work-model; reasoning_effort: low; }"]
                start [shape=Mdiamond]
                plan  [prompt="plan"]
                work  [prompt="work"]
                exit  [shape=Msquare]
                start -> plan -> work -> exit
            }
            """;

        var pipeline = new PipelineLoader().Load(Text);

        Assert.Empty(pipeline.Diagnostics);
        Assert.Equal("base-model", pipeline.Graph.FindNode("plan")!.Attributes.GetString(AttributeNames.LlmModel));
        Assert.Equal("work-model", pipeline.Graph.FindNode("work")!.Attributes.GetString(AttributeNames.LlmModel));
        Assert.Equal("low", pipeline.Graph.FindNode("work")!.Attributes.GetString(AttributeNames.ReasoningEffort));
    }

    [Fact]
    public void Default_loader_loads_like_a_new_one()
    {
        var pipeline = PipelineLoader.Default.Load(ValidPipeline);

        Assert.Empty(pipeline.Diagnostics);
        Assert.Equal("Work towards: Ship the feature", pipeline.Graph.FindNode("work")!.Prompt);
    }

    [Fact]
    public void Lint_errors_are_reported_and_make_the_pipeline_fail()
    {
        var pipeline = new PipelineLoader().Load("digraph G { a -> b }", "g.dot");

        Assert.True(pipeline.HasErrors);
        Assert.Contains(pipeline.Errors, d => d.Id == "ATR2001");
        Assert.All(pipeline.Errors, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(pipeline.Diagnostics, d => Assert.Equal("g.dot", d.FilePath));
    }

    [Fact]
    public void Structurally_incomplete_input_skips_lint()
    {
        var pipeline = new PipelineLoader().Load("digraph G {\n  a [label=\"never closed]\n  a -> b\n}\n", "broken.dot");

        Assert.False(pipeline.IsStructurallyComplete);
        Assert.True(pipeline.HasErrors);
        Assert.NotEmpty(pipeline.Diagnostics);
        Assert.All(pipeline.Diagnostics, d => Assert.Equal(DiagnosticCategory.Syntax, d.Descriptor.Category));
    }

    [Fact]
    public void Structurally_incomplete_input_runs_no_custom_transform_or_rule()
    {
        var loader = new PipelineLoader();
        var transform = new TracingTransform("x");
        var rule = new RecordingRule();
        loader.Transforms.Add(transform);
        loader.Rules.Add(rule);

        loader.Load("digraph G { a -> b ", "broken.dot");

        Assert.Null(rule.GraphSeen);
        Assert.Null(transform.PromptSeen);
    }

    [Fact]
    public void Syntax_diagnostics_come_before_lint_diagnostics()
    {
        // Missing commas are accepted with a warning, so the graph is complete and lint runs.
        var pipeline = new PipelineLoader().Load("digraph G {\n  a [label=\"A\" prompt=\"p\"]\n  a -> b\n}\n");

        var categories = pipeline.Diagnostics.Select(d => d.Descriptor.Category).ToList();
        Assert.Contains(DiagnosticCategory.Syntax, categories);
        Assert.Contains(DiagnosticCategory.Lint, categories);
        var firstLint = categories.IndexOf(DiagnosticCategory.Lint);
        Assert.DoesNotContain(DiagnosticCategory.Syntax, categories.Skip(firstLint));
    }

    [Fact]
    public void Diagnostics_are_in_a_stable_order()
    {
        var loader = new PipelineLoader();
        const string Text = "digraph G {\n  a [label=\"A\" prompt=\"p\"]\n  a -> b -> c\n  d\n}\n";

        var first = loader.Load(Text).Diagnostics.Select(d => d.ToString());
        var second = loader.Load(Text).Diagnostics.Select(d => d.ToString());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Custom_transforms_run_after_built_ins_in_registration_order()
    {
        var loader = new PipelineLoader();
        var first = new TracingTransform("1");
        loader.Transforms.Add(first);
        loader.Transforms.Add(new TracingTransform("2"));
        loader.Transforms.Add(new TracingTransform("3"));

        var pipeline = loader.Load(ValidPipeline);

        Assert.Equal("123", pipeline.Graph.Attributes.GetString(TracingTransform.TraceKey));
        Assert.Equal("Work towards: Ship the feature", first.PromptSeen);
    }

    [Fact]
    public void Rules_see_the_transformed_graph()
    {
        var loader = new PipelineLoader();
        var rule = new RecordingRule();
        loader.Transforms.Add(new TracingTransform("t"));
        loader.Rules.Add(rule);

        var pipeline = loader.Load(ValidPipeline);

        Assert.Same(pipeline.Graph, rule.GraphSeen);
        Assert.Equal("t", rule.GraphSeen!.Attributes.GetString(TracingTransform.TraceKey));
    }

    [Fact]
    public void Custom_rules_run_after_built_in_rules()
    {
        var loader = new PipelineLoader();
        loader.Rules.Add(new RecordingRule());

        var pipeline = loader.Load("digraph G { a -> b }");

        Assert.Equal("custom rule ran", pipeline.Diagnostics[^1].Message);
        Assert.Contains(pipeline.Diagnostics.Take(pipeline.Diagnostics.Count - 1), d => d.Id == "ATR2001");
    }

    [Fact]
    public void A_throwing_transform_becomes_an_internal_error_at_the_graph_id_and_loading_goes_on()
    {
        var loader = new PipelineLoader();
        loader.Transforms.Add(new TracingTransform("before"));
        loader.Transforms.Add(new ThrowingTransform());
        loader.Transforms.Add(new TracingTransform("+after"));
        var rule = new RecordingRule();
        loader.Rules.Add(rule);

        var pipeline = loader.Load(ValidPipeline, "review.dot");

        var error = Assert.Single(pipeline.Errors);
        Assert.Equal("ATR2999", error.Id);
        Assert.Equal(DiagnosticDescriptors.InternalError, error.Descriptor);
        Assert.Contains(nameof(ThrowingTransform), error.Message, StringComparison.Ordinal);
        Assert.Contains("transform exploded", error.Message, StringComparison.Ordinal);
        Assert.Equal(pipeline.Graph.IdSpan, error.Span);
        Assert.Equal(1, error.Span.StartLine);
        Assert.Equal("review.dot", error.FilePath);
        Assert.Equal("before+after", pipeline.Graph.Attributes.GetString(TracingTransform.TraceKey));
        Assert.NotNull(rule.GraphSeen);
    }

    [Fact]
    public void A_transform_returning_null_becomes_an_internal_error()
    {
        var loader = new PipelineLoader();
        loader.Transforms.Add(new NullTransform());

        var pipeline = loader.Load(ValidPipeline);

        var error = Assert.Single(pipeline.Errors);
        Assert.Equal("ATR2999", error.Id);
        Assert.Contains("returned no graph", error.Message, StringComparison.Ordinal);
        Assert.NotNull(pipeline.Graph);
    }

    [Fact]
    public void A_throwing_rule_becomes_an_internal_error_and_other_rules_still_run()
    {
        var loader = new PipelineLoader();
        loader.Rules.Add(new ThrowingRule());
        loader.Rules.Add(new RecordingRule());

        var pipeline = loader.Load(ValidPipeline, "review.dot");

        var error = Assert.Single(pipeline.Errors);
        Assert.Equal("ATR2999", error.Id);
        Assert.Equal(pipeline.Graph.IdSpan, error.Span);
        Assert.Contains(pipeline.Diagnostics, d => d.Message == "custom rule ran");
    }

    [Fact]
    public void Known_handler_types_silence_type_known()
    {
        const string Text = """
            digraph G {
                start [shape=Mdiamond]
                deploy [type="acme.deploy", prompt="deploy it"]
                exit [shape=Msquare]
                start -> deploy -> exit
            }
            """;

        Assert.Contains(new PipelineLoader().Load(Text).Diagnostics, d => d.Id == "ATR2009");

        var loader = new PipelineLoader();
        loader.KnownHandlerTypes.Add("acme.deploy");
        Assert.DoesNotContain(loader.Load(Text).Diagnostics, d => d.Id == "ATR2009");
    }

    [Fact]
    public void Default_loader_cannot_be_changed()
    {
        Assert.Throws<NotSupportedException>(() => PipelineLoader.Default.Transforms.Add(new ThrowingTransform()));
        Assert.Throws<NotSupportedException>(() => PipelineLoader.Default.Rules.Add(new ThrowingRule()));
        Assert.Throws<NotSupportedException>(() => PipelineLoader.Default.KnownHandlerTypes.Add("x"));
        Assert.Throws<NotSupportedException>(() => PipelineLoader.Default.Rules.Clear());
        Assert.Empty(PipelineLoader.Default.Transforms);
        Assert.Empty(PipelineLoader.Default.Rules);
    }

    [Fact]
    public void Null_registrations_are_rejected()
    {
        var loader = new PipelineLoader();

        Assert.Throws<ArgumentNullException>(() => loader.Transforms.Add(null!));
        Assert.Throws<ArgumentNullException>(() => loader.Rules.Add(null!));
        Assert.Throws<ArgumentNullException>(() => loader.KnownHandlerTypes.Add(null!));
        Assert.Throws<ArgumentNullException>(() => loader.Load(null!));
    }

    [Fact]
    public void Registrations_can_be_removed()
    {
        var loader = new PipelineLoader();
        var transform = new ThrowingTransform();
        loader.Transforms.Add(transform);
        loader.Transforms.Remove(transform);

        Assert.Empty(loader.Load(ValidPipeline).Diagnostics);
    }

    [Fact]
    public async Task LoadFileAsync_reads_the_file_and_names_it_in_diagnostics()
    {
        using var file = new TempFile("digraph G { a -> b }");

        var pipeline = await new PipelineLoader().LoadFileAsync(file.Path);

        Assert.True(pipeline.HasErrors);
        Assert.All(pipeline.Diagnostics, d => Assert.Equal(file.Path, d.FilePath));
        Assert.Equal(file.Path, pipeline.Graph.FilePath);
    }

    [Fact]
    public async Task LoadFileAsync_skips_a_byte_order_mark_and_reads_files_larger_than_one_buffer()
    {
        var padding = new string(' ', 10_000);
        var text = ValidPipeline.Replace("digraph Review {", "digraph Review {" + padding, StringComparison.Ordinal);
        using var file = new TempFile(text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var pipeline = await new PipelineLoader().LoadFileAsync(file.Path);

        Assert.Empty(pipeline.Diagnostics);
        Assert.Equal("Review", pipeline.Graph.Id);
        Assert.Equal("digraph ".Length + 1, pipeline.Graph.IdSpan.StartColumn);
    }

    [Fact]
    public async Task LoadFileAsync_throws_for_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "attractor-missing-" + Guid.NewGuid().ToString("N") + ".dot");

        await Assert.ThrowsAsync<FileNotFoundException>(() => new PipelineLoader().LoadFileAsync(path));
    }

    [Fact]
    public async Task LoadFileAsync_honours_cancellation()
    {
        using var file = new TempFile(ValidPipeline);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PipelineLoader().LoadFileAsync(file.Path, cancellation.Token));
    }

    [Fact]
    public void Every_corpus_file_loads_without_throwing()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.dot");
        Assert.NotEmpty(files);
        foreach (var path in files)
        {
            var pipeline = PipelineLoader.Default.Load(File.ReadAllText(path), path);
            Assert.DoesNotContain(pipeline.Diagnostics, d => d.Id == "ATR2999");
        }
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string text, Encoding? encoding = null)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "attractor-loader-" + Guid.NewGuid().ToString("N") + ".dot");
            File.WriteAllText(Path, text, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
