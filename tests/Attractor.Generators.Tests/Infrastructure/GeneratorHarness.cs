// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections.Immutable;
using Generators::Attractor.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>Runs the generator the way the compiler does, on in-memory files of a project at <see cref="ProjectDirectory"/>.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/repo/MyApp/";

    /// <summary>Gets parse options that check XML documentation, so badly formed docs in generated code show up as warnings.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions CompilationOptions { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>A .dot file at a path relative to the project.</summary>
    public static AdditionalText Dot(string relativePath, string? text) => new InMemoryAdditionalText(ProjectDirectory + relativePath, text);

    /// <summary>The MSBuild view: RootNamespace and ProjectDir, plus item metadata keyed by the file's full path.</summary>
    public static TestOptionsProvider Options(string rootNamespace = "MyApp", IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? metadataByRelativePath = null)
    {
        var global = ImmutableDictionary<string, string>.Empty
            .Add("build_property.RootNamespace", rootNamespace)
            .Add("build_property.ProjectDir", ProjectDirectory);
        var perFile = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty;
        foreach (var (path, metadata) in metadataByRelativePath ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            perFile = perFile.Add(ProjectDirectory + path, metadata.ToImmutableDictionary(p => "build_metadata.AdditionalFiles." + p.Key, p => p.Value));
        }

        return new TestOptionsProvider(global, perFile);
    }

    public static CSharpCompilation Compilation(string csharp = "", CSharpCompilationOptions? options = null, CSharpParseOptions? parseOptions = null) =>
        CSharpCompilation.Create(
            "MyApp",
            [CSharpSyntaxTree.ParseText(csharp, parseOptions ?? ParseOptions, path: ProjectDirectory + "Program.cs")],
            References.All,
            options ?? CompilationOptions);

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, AnalyzerConfigOptionsProvider? options = null, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [new PipelineGenerator().AsSourceGenerator()],
            files,
            parseOptions ?? ParseOptions,
            options ?? Options(),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();

        // An exception escaping the generator would surface as CS8785 and drop all output; no test tolerates it.
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        return new GeneratorRun(driver, result, output, diagnostics);
    }

    public static GeneratorRun Run(params AdditionalText[] files) => Run(Driver(files), Compilation());

    public static GeneratorRun Run(string csharp, params AdditionalText[] files) => Run(Driver(files), Compilation(csharp));
}
