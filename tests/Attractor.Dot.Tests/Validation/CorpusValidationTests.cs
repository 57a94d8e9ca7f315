// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Validation;

/// <summary>
/// The verdict table of <c>Corpus/README.md</c>: what <c>attractor validate</c> must say about each
/// real-world pipeline. Errors are compared exactly; warnings named in the table must be present.
/// </summary>
public sealed class CorpusValidationTests
{
    private static readonly Dictionary<string, (string[] Errors, string[] Warnings)> Verdicts = new(StringComparer.Ordinal)
    {
        ["wcraigjones__attractor__01-parsing-06-comments-in-strings__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__01-parsing-09-escaped-strings__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__03-execution-14-loop-restart-context__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__03-execution-21-tool-hooks__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__03-execution-22-gate-question-types__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__03-execution-23-manager-loop__pipeline.dot"] = ([], ["ATR2017"]),
        ["wcraigjones__attractor__04-context-04-condition-and__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__05-parallel-03-branch-failure__pipeline.dot"] = ([], []),
        ["wcraigjones__attractor__02-validation-01-missing-start__pipeline.dot"] = (["ATR2001"], []),
        ["wcraigjones__attractor__02-validation-03-orphan-node__pipeline.dot"] = (["ATR2003"], []),
        ["wcraigjones__attractor__02-validation-05-no-path-to-exit__pipeline.dot"] = ([], ["ATR2014"]),
        ["wcraigjones__attractor__02-validation-06-start-incoming__pipeline.dot"] = (["ATR2005"], []),
        ["wcraigjones__attractor__02-validation-07-exit-outgoing__pipeline.dot"] = (["ATR2006"], []),
        ["wcraigjones__attractor__02-validation-12-multiple-exits__pipeline.dot"] = (["ATR2002"], []),
        ["wcraigjones__attractor__ux-redesign-self.dot"] = (["ATR2001", "ATR2002"], []),
        ["samueljklee__attractor__human_approval.dot"] = ([], ["ATR2017"]),
        ["samueljklee__attractor__first_success.dot"] = ([], []),
        ["robotdad__amplifier-bundle-attractor__09-manager-supervisor.dot"] = ([], []),
        ["robotdad__amplifier-bundle-attractor__parent.dot"] = ([], []),
        ["robotdad__amplifier-bundle-attractor__child-with-gate.dot"] = ([], []),
        ["navanchauhan__swift-omnikit__cedar_spec_port.dot"] = ([], []),
        ["navanchauhan__swift-omnikit__consensus_task.dot"] = ([], []),
        ["navanchauhan__swift-omnikit__vulnerability_analyzer.dot"] = ([], []),
        ["fabro-sh__fabro__reference_template.dot"] = ([], []),
        ["allouis__attractor__plan-build-review__pipeline.dot"] = ([], ["ATR2009"]),
    };

    public static TheoryData<string> Files { get; } = new(Verdicts.Keys.Order(StringComparer.Ordinal));

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    [Fact]
    public void Every_corpus_file_has_a_verdict()
    {
        var files = Directory.GetFiles(CorpusDirectory, "*.dot").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Verdicts.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Validate_gives_the_verdict_of_the_corpus_table(string file)
    {
        var (expectedErrors, expectedWarnings) = Verdicts[file];
        var result = DotParser.Parse(System.IO.File.ReadAllText(Path.Combine(CorpusDirectory, file)), file);

        var diagnostics = result.Diagnostics.Concat(PipelineValidator.Default.Validate(result.Graph)).ToArray();

        var errors = diagnostics.Where(d => d.IsError).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal);
        Assert.True(
            errors.SequenceEqual(expectedErrors),
            "Expected errors [" + string.Join(", ", expectedErrors) + "], got:\n" + string.Join("\n", diagnostics));
        foreach (var warning in expectedWarnings)
        {
            Assert.Contains(diagnostics, d => d.Id == warning && d.Severity == DiagnosticSeverity.Warning);
        }

        Assert.All(diagnostics, d => Assert.Equal(file, d.FilePath));
    }

    [Fact]
    public void The_no_path_to_exit_file_warns_at_both_nodes_of_the_loop()
    {
        const string File = "wcraigjones__attractor__02-validation-05-no-path-to-exit__pipeline.dot";
        var result = DotParser.Parse(System.IO.File.ReadAllText(Path.Combine(CorpusDirectory, File)), File);

        var diagnostics = PipelineValidator.Default.Validate(result.Graph).Of(DiagnosticDescriptors.ExitReachable);

        Assert.Equal([("a", 3, 5), ("b", 4, 5)], diagnostics.Select(d => (d.NodeId, d.Span.StartLine, d.Span.StartColumn)));
    }
}
