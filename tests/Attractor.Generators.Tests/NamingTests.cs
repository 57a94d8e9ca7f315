// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections.Immutable;
using Generators::Attractor.Generators;

namespace Attractor.Generators.Tests;

/// <summary>How files become namespaces, classes, constants, handler methods and hint names.</summary>
public sealed class NamingTests
{
    private static string Minimal(string graphId) => "digraph " + graphId + " { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }";

    [Theory]
    [InlineData("code_review", "CodeReview")]
    [InlineData("wait.human", "WaitHuman")]
    [InlineData("review-code", "ReviewCode")]
    [InlineData("reviewCode", "ReviewCode")]
    [InlineData("1st stage", "_1stStage")]
    [InlineData("über_node", "ÜberNode")]
    [InlineData("---", "Fallback")]
    [InlineData("", "Fallback")]
    public void Pascal_case_names(string text, string expected)
    {
        Assert.Equal(expected, Identifiers.ToPascalCase(text, "Fallback"));
    }

    [Theory]
    [InlineData("MyApp", "pipelines", "MyApp.Pipelines")]
    [InlineData("MyApp", "pipelines/ci-jobs", "MyApp.Pipelines.CiJobs")]
    [InlineData("my.App", "", "my.App")]
    [InlineData("", "", "")]
    [InlineData("My App.class", "flows", "My_App.@class.Flows")]
    public void Namespaces_keep_the_root_and_pascal_case_the_folders(string root, string folder, string expected)
    {
        Assert.Equal(expected, Identifiers.ToNamespace(root, folder));
    }

    [Fact]
    public void The_issue_example_gives_MyApp_Pipelines_CodeReviewPipeline()
    {
        var source = Generate("pipelines/code_review.dot", Minimal("CodeReview"));

        Assert.Contains("namespace MyApp.Pipelines\n{\n", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class CodeReviewPipeline", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flows/nightly_build.dot", "digraph { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }", "NightlyBuildPipeline")]
    [InlineData("review.dot", "digraph ReviewPipeline { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }", "ReviewPipeline")]
    [InlineData("review.dot", "digraph review_loop { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }", "ReviewLoopPipeline")]
    public void Class_names_come_from_the_graph_id_or_else_the_file_name(string path, string text, string expected)
    {
        Assert.Contains("public sealed partial class " + expected + "\n", Generate(path, text), StringComparison.Ordinal);
    }

    [Fact]
    public void Item_metadata_overrides_namespace_and_class_name()
    {
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["pipelines/code_review.dot"] = new Dictionary<string, string> { ["Namespace"] = "Company.Flows", ["ClassName"] = "Reviewer" },
        };
        var files = new[] { GeneratorHarness.Dot("pipelines/code_review.dot", Minimal("CodeReview")) };
        var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, GeneratorHarness.Options(metadataByRelativePath: metadata)), GeneratorHarness.Compilation());

        var source = Assert.Single(run.Sources).Value;
        Assert.Contains("namespace Company.Flows\n{\n", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Reviewer\n", source, StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("Graph", "GraphPipeline")]
    [InlineData("S", "SPipeline")]
    [InlineData("ResumeAsync", "ResumeAsyncPipeline")]
    [InlineData("CreateRunner", "CreateRunnerPipeline")]
    [InlineData("HandleDeployAsync", "HandleDeployAsyncPipeline")]
    [InlineData("class", "@class")]
    [InlineData("My Runner", "My_Runner")]
    public void A_class_name_from_metadata_is_made_a_valid_name_that_no_member_shares(string className, string expected)
    {
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["p.dot"] = new Dictionary<string, string> { ["ClassName"] = className },
        };
        var files = new[] { GeneratorHarness.Dot("p.dot", "digraph P { start [shape=Mdiamond]; deploy [type=\"deploy\"]; exit [shape=Msquare]; start -> deploy -> exit }") };
        var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, GeneratorHarness.Options(metadataByRelativePath: metadata)), GeneratorHarness.Compilation());

        Assert.Contains("public sealed partial class " + expected + "\n", Assert.Single(run.Sources).Value, StringComparison.Ordinal);
        Assert.Equal(["CS8795"], run.CompilationErrors.Select(e => e.Id));
    }

    [Fact]
    public void Files_of_item_type_AttractorPipeline_are_read_whatever_their_extension_and_other_files_are_ignored()
    {
        var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["flow.gv"] = new Dictionary<string, string> { ["SourceItemType"] = "AttractorPipeline" },
        };
        var text = Minimal("Flow");
        var files = new[] { GeneratorHarness.Dot("flow.gv", text), GeneratorHarness.Dot("notes.txt", "not a pipeline"), GeneratorHarness.Dot("UPPER.DOT", text.Replace("Flow", "Upper", StringComparison.Ordinal)) };
        var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, GeneratorHarness.Options(metadataByRelativePath: metadata)), GeneratorHarness.Compilation());

        Assert.Equal(["UPPER.DOT.g.cs", "flow.gv.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Hint_names_stay_distinct_when_paths_map_to_the_same_name()
    {
        var names = HintNames.Assign(ImmutableArray.Create(
            ("/p/a_b.dot", "a_b.dot"),
            ("/p/a/b.dot", "a/b.dot"),
            ("/elsewhere/x.dot", "x.dot"),
            ("/other/x.dot", "x.dot"),
            ("/p/A/B.dot", "A/B.dot")));

        Assert.Equal(names.Count, names.Select(n => n.Value.ToUpperInvariant()).Distinct().Count());
        // Ordinal path order decides who keeps the plain name, case-insensitively as Roslyn compares them.
        Assert.Equal("A_B.dot.g.cs", HintNames.Find(names, "/p/A/B.dot"));
        Assert.Equal("a_b.dot_2.g.cs", HintNames.Find(names, "/p/a/b.dot"));
        Assert.Equal("a_b.dot_3.g.cs", HintNames.Find(names, "/p/a_b.dot"));
        Assert.Equal("x.dot.g.cs", HintNames.Find(names, "/elsewhere/x.dot"));
        Assert.Equal("x.dot_2.g.cs", HintNames.Find(names, "/other/x.dot"));
    }

    [Fact]
    public void Two_files_whose_hint_names_collide_both_generate()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Dot("a/b.dot", Minimal("One")),
            GeneratorHarness.Dot("a_b.dot", Minimal("Two")));

        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void Two_files_generating_the_same_class_give_one_class_and_ATR9001_at_the_second_graph_id()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Dot("flows/b.dot", Minimal("Review")),
            GeneratorHarness.Dot("flows/a.dot", Minimal("Review")));

        Assert.Equal(["flows_a.dot.g.cs"], run.Sources.Keys);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ATR9001", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.ProjectDirectory + "flows/b.dot", span.Path);
        Assert.Equal((0, 8), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("'MyApp.Flows.ReviewPipeline' is already generated from 'flows/a.dot'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Without_a_root_namespace_a_file_at_the_project_root_goes_to_the_global_namespace()
    {
        var files = new[] { GeneratorHarness.Dot("flow.dot", Minimal("Flow")) };
        var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, GeneratorHarness.Options(rootNamespace: string.Empty)), GeneratorHarness.Compilation());

        Assert.DoesNotContain("namespace", Assert.Single(run.Sources).Value, StringComparison.Ordinal);
        Assert.NotNull(run.OutputCompilation.GetTypeByMetadataName("FlowPipeline"));
        Assert.Empty(run.CompilationErrors);
    }

    private static string Generate(string path, string text) => Assert.Single(GeneratorHarness.Run(GeneratorHarness.Dot(path, text)).Sources).Value;
}
