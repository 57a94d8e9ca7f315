// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using CsCheck;

namespace Attractor.Generators.Tests;

/// <summary>
/// The generator never throws into the compiler (which would be CS8785 and lose every pipeline's
/// output) and never emits code that does not compile, whatever the .dot files contain: random
/// text, mutated real pipelines, and valid pipelines whose IDs, labels, prompts and types are
/// arbitrary strings. The only compiler error allowed in generated code is CS8795, the custom
/// handler the test project does not implement.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 60;

    private static readonly Gen<int> CorpusIndex = Gen.Int[0, int.MaxValue].Select(i => i % Corpus.Files.Count);

    [Fact]
    public void Any_text()
    {
        Gen.String.Sample(text => { AssertSurvives(text); }, iter: 300);
    }

    [Fact]
    public void Sequences_of_dot_tokens()
    {
        var token = Gen.OneOf("digraph", "G", "{", "}", "[", "]", "=", ";", ",", "->", "--", "\"", "shape=Mdiamond", "shape=Msquare", "type=\"t\"", "start", "exit", "a", "\n", " ", "/*", "#", "<", "\\");
        token.Array[0, 40].Select(string.Concat).Sample(text => { AssertSurvives(text); }, iter: 300);
    }

    [Fact]
    public void Any_editorconfig_next_to_a_pipeline()
    {
        var token = Gen.OneOf("[", "]", "*", "**", "{", "}", ",", "..", "\\", "root", "is_global", "=", ":", "true", "#", ";", "\n", "\r", " ", "dotnet_diagnostic.ATR2010.severity", "dotnet_analyzer_diagnostic.severity", "dotnet_analyzer_diagnostic.category-Attractor.Lint.severity", "none", "error", "suggestion", ".dot");
        Gen.Select(token.Array[0, 40].Select(string.Concat), Gen.String, (tokens, noise) => tokens + noise).Sample(
            editorConfig =>
            {
                // The harness fails on any exception escaping the generator; a runner must still be generated.
                var run = GeneratorHarness.Run(
                    GeneratorHarness.Dot("pipelines/review.dot", "digraph R { start [shape=Mdiamond]; work [fidelity=bogus, prompt=\"p\"]; exit [shape=Msquare]; start -> work -> exit }"),
                    new InMemoryAdditionalText(GeneratorHarness.ProjectDirectory + ".editorconfig", editorConfig));
                Assert.Single(run.Sources);
            },
            iter: 200);
    }

    [Fact]
    public void Corpus_files_truncated_or_with_characters_replaced()
    {
        var edit = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char);
        Gen.Select(CorpusIndex, Gen.Int[0, int.MaxValue], edit.Array[0, 4], (index, cut, edits) =>
            {
                var text = File.ReadAllText(Corpus.Files[index]);
                var builder = new StringBuilder(text.Substring(0, text.Length - (cut % Math.Max(1, text.Length / 8))));
                foreach (var (position, c) in edits)
                {
                    if (builder.Length > 0)
                    {
                        builder[position % builder.Length] = c;
                    }
                }

                return builder.ToString();
            })
            .Sample(text => { AssertSurvives(text); }, iter: 60);
    }

    [Fact]
    public void Valid_pipelines_with_arbitrary_names_generate_code_that_compiles()
    {
        var generated = 0;
        var text = Gen.String[0, 12];
        Gen.Select(text, text, text, text, text, (graphId, nodeId, label, type, prompt) =>
                "digraph \"" + Escape(graphId) + "\" {\n"
                + "  start [shape=Mdiamond]\n"
                + "  \"" + Escape(nodeId) + "\" [label=\"" + Escape(label) + "\", type=\"" + Escape(type) + "\", prompt=\"" + Escape(prompt) + "\"]\n"
                + "  \"" + Escape(nodeId) + "_2\" [type=\"" + Escape(type) + "2\"]\n"
                + "  exit [shape=Msquare]\n"
                + "  start -> \"" + Escape(nodeId) + "\" -> \"" + Escape(nodeId) + "_2\" -> exit\n"
                + "}\n")
            .Sample(
                pipeline =>
                {
                    if (AssertSurvives(pipeline))
                    {
                        Interlocked.Increment(ref generated);
                    }
                },
                iter: Iterations);

        // Most samples must reach code generation, or the test would only exercise the error path.
        Assert.True(generated > Iterations / 2, generated + " of " + Iterations + " samples generated code");
    }

    [Fact]
    public void Arbitrary_namespace_and_class_name_metadata_and_root_namespace_give_code_that_compiles()
    {
        var text = Gen.String[0, 10];
        Gen.Select(text, text, text).Sample(
            values =>
            {
                var (ns, className, root) = values;
                var metadata = new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["a/p.dot"] = new Dictionary<string, string> { ["Namespace"] = ns, ["ClassName"] = className },
                };
                var files = new[] { GeneratorHarness.Dot("a/p.dot", "digraph P { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }"), GeneratorHarness.Dot("b c/q.dot", "digraph { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }") };
                var run = GeneratorHarness.Run(GeneratorHarness.Driver(files, GeneratorHarness.Options(root, metadata)), GeneratorHarness.Compilation());

                Assert.Empty(run.Diagnostics);
                Assert.Equal(2, run.Sources.Count);
                Assert.Empty(run.GeneratedCodeDiagnostics);
            },
            iter: Iterations);
    }

    [Fact]
    public void Every_corpus_pipeline_without_errors_gives_a_runner_that_compiles()
    {
        var files = Corpus.Files.Select((path, i) => GeneratorHarness.Dot("c" + i + "/" + Path.GetFileName(path), File.ReadAllText(path))).ToArray();
        var run = GeneratorHarness.Run(files);

        Assert.True(run.Sources.Count >= 10, "only " + run.Sources.Count + " corpus files gave a runner");
        AssertCompiles(run);
    }

    /// <summary>
    /// Asserts the generator copes with the text; returns whether it generated a runner. Callers pass
    /// it to CsCheck in a statement lambda: an expression lambda returning bool would select the
    /// predicate overload, which counts "no runner" as a failure.
    /// </summary>
    private static bool AssertSurvives(string text)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("fuzz/in put.dot", text));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8785" or "ATR9000");
        if (run.Sources.Count == 0)
        {
            return false;
        }

        AssertCompiles(run);
        return true;
    }

    private static void AssertCompiles(GeneratorRun run)
    {
        var problems = run.GeneratedCodeDiagnostics.Where(d => d.Id != "CS8795").ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + string.Join(Environment.NewLine, run.Sources.Values));
        Assert.All(run.CompilationErrors, e => Assert.Equal("CS8795", e.Id));
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
