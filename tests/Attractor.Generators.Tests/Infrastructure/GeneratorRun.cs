// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>The outcome of one generator pass: the driver (for the next incremental pass), its result and the output compilation.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation OutputCompilation, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Gets the generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Gets the warnings and errors the compiler reports inside generated files.</summary>
    public IReadOnlyList<Diagnostic> GeneratedCodeDiagnostics =>
        OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToList();

    /// <summary>Gets the compiler errors of the output compilation (generated code plus the test's C#).</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
