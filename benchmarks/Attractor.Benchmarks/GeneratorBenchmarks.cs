// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Attractor.Pipelines;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SourceGenerator = Generators::Attractor.Generators.PipelineGenerator;

namespace Attractor.Benchmarks;

/// <summary>
/// Issue 4: what the source generator costs a project with 100 pipelines, driven through
/// <see cref="CSharpGeneratorDriver"/> as the compiler drives it. The pipelines are the benchmark
/// generator's (<see cref="PipelineGenerator"/>) at 20 to 50 nodes, one per file under a fake
/// project directory; the compilation has one small C# file and the real references, so the
/// generated runners bind against <c>Attractor.Pipelines</c> as in a real project. Run with
/// <c>--generator</c> (see Program.cs).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    /// <summary>Pipelines in the project.</summary>
    public const int PipelineCount = 100;

    private const string ProjectDirectory = "/bench/MyApp/";

    private CSharpCompilation _compilation = null!;
    private CSharpParseOptions _parseOptions = null!;
    private OptionsProvider _options = null!;
    private ImmutableArray<AdditionalText> _files;
    private GeneratorDriver _edited = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        _compilation = CSharpCompilation.Create(
            "MyApp",
            [CSharpSyntaxTree.ParseText("namespace MyApp; public static class Program { public static void Main() { } }", _parseOptions, path: ProjectDirectory + "Program.cs")],
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(Attractor.Dot.PipelineGraph).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(PipelineRunner).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        _options = new OptionsProvider(ImmutableDictionary<string, string>.Empty
            .Add("build_property.RootNamespace", "MyApp")
            .Add("build_property.ProjectDir", ProjectDirectory));

        _files = [.. ProjectPipelines().Select(static p => (AdditionalText)new InMemoryText(ProjectDirectory + "pipelines/" + p.FileName, p.Text))];

        // The sanity check a benchmark of a generator needs: every file gives a runner and no
        // diagnostics, otherwise the numbers would be for the error path.
        var first = NewDriver().RunGenerators(_compilation);
        var result = first.GetRunResult();
        if (result.Diagnostics.Length != 0 || result.GeneratedTrees.Length < PipelineCount)
        {
            throw new InvalidOperationException("the generator gave " + result.GeneratedTrees.Length + " files and "
                + result.Diagnostics.Length + " diagnostics: " + string.Join("; ", result.Diagnostics.Take(5)));
        }

        // The edit: one prompt wording changed in one file, the everyday change to a pipeline.
        var victim = _files[PipelineCount / 2];
        var editedText = victim.GetText()!.ToString();
        var position = editedText.IndexOf("keep each change small", StringComparison.Ordinal);
        editedText = editedText[..position] + "keep every change small" + editedText[(position + "keep each change small".Length)..];
        _warm = first;
        _edited = first.ReplaceAdditionalText(victim, new InMemoryText(victim.Path, editedText));
        if (_edited.RunGenerators(_compilation).GetRunResult().Diagnostics.Length != 0)
        {
            throw new InvalidOperationException("the edited pipeline has diagnostics");
        }
    }

    /// <summary>A new driver on 100 pipelines: a first build, or any build without the compiler server's cached driver.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    /// <summary>
    /// A driver that has already run, after one prompt changed in one file. The driver is
    /// immutable, so every invocation starts from the same warmed state and measures only the second
    /// run (the edit itself was applied once, in setup).
    /// </summary>
    [Benchmark]
    public GeneratorDriver OneFileEdit() => _edited.RunGenerators(_compilation);

    /// <summary>The warmed driver again with nothing changed: the floor of an incremental run.</summary>
    [Benchmark]
    public GeneratorDriver NoChange() => _warm.RunGenerators(_compilation);

    /// <summary>
    /// The project's pipelines: <see cref="PipelineCount"/> files of 20 to 50 nodes (7 is coprime
    /// with 31, so every size occurs 3 or 4 times), each with its own graph ID, because the graph ID
    /// names the runner class and two files with one ID are an error (ATR9001). Also written to disk
    /// by <c>--generate-project</c> for benchmarks/build-overhead.sh.
    /// </summary>
    public static IEnumerable<(string FileName, string Text)> ProjectPipelines() =>
        Enumerable.Range(0, PipelineCount).Select(static i =>
        {
            var name = "pipeline" + i.ToString("D3", CultureInfo.InvariantCulture);
            var text = PipelineGenerator.Generate(20 + (i * 7 % 31)).Replace("digraph generated_pipeline {", "digraph " + name + " {", StringComparison.Ordinal);
            return (name + ".dot", text);
        });

    private CSharpGeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create([new SourceGenerator().AsSourceGenerator()], _files, _parseOptions, _options);

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(ImmutableDictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
