// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Attractor.Dot;
using Attractor.Pipelines;
using Generators::Attractor.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Attractor.Cli.Tests;

/// <summary>
/// A project compiled with the real source generator into <c>{directory}/bin/MyApp.dll</c>: what <c>--assembly</c>
/// gets after <c>dotnet build</c>, without the minutes a real build would take. The pipelines lie under the
/// project directory, so their <c>SourcePath</c>s are relative to it as in a real project.
/// </summary>
internal static class CompiledProject
{
    /// <summary>Compiles <paramref name="csharp"/> with the runners generated from <paramref name="pipelines"/> (full paths under <paramref name="projectDirectory"/>).</summary>
    /// <returns>The full path of the assembly.</returns>
    public static string Build(string projectDirectory, string csharp, params string[] pipelines)
    {
        var projectDir = Path.TrimEndingDirectorySeparator(projectDirectory) + Path.DirectorySeparatorChar;
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "MyApp",
            [CSharpSyntaxTree.ParseText(csharp, parseOptions, path: projectDir + "Handlers.cs")],
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(PipelineGraph).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(PipelineRunner).Assembly.Location),
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var global = ImmutableDictionary<string, string>.Empty
            .Add("build_property.RootNamespace", "MyApp")
            .Add("build_property.ProjectDir", projectDir);
        var driver = CSharpGeneratorDriver.Create(
            [new PipelineGenerator().AsSourceGenerator()],
            pipelines.Select(static p => (AdditionalText)new FileText(p)),
            parseOptions,
            new OptionsProvider(global));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);

        var binDirectory = Path.Combine(projectDir, "bin");
        Directory.CreateDirectory(binDirectory);
        var assemblyPath = Path.Combine(binDirectory, "MyApp.dll");
        var emitted = output.Emit(assemblyPath);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return assemblyPath;
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), Encoding.UTF8);
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
