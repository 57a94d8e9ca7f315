// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Validation;

internal static class DiagnosticAssertions
{
    public static IReadOnlyList<DotDiagnostic> Validate(PipelineGraph graph) => PipelineValidator.Default.Validate(graph);

    public static DotDiagnostic[] Of(this IEnumerable<DotDiagnostic> diagnostics, DiagnosticDescriptor descriptor) =>
        diagnostics.Where(d => d.Descriptor == descriptor).ToArray();

    /// <summary>Asserts exactly one diagnostic of the kind and returns it.</summary>
    public static DotDiagnostic Single(this IEnumerable<DotDiagnostic> diagnostics, DiagnosticDescriptor descriptor)
    {
        var matches = diagnostics.Of(descriptor);
        Assert.True(matches.Length == 1, "Expected one " + descriptor.Id + ", got " + matches.Length + ":\n" + string.Join("\n", diagnostics));
        return matches[0];
    }

    /// <summary>Asserts the shape every built-in diagnostic must have: file, rule, message, fix.</summary>
    public static void AssertWellFormed(DotDiagnostic diagnostic, string? filePath = TestGraphs.FilePath)
    {
        Assert.Equal(filePath, diagnostic.FilePath);
        Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Fix));
        Assert.StartsWith("ATR2", diagnostic.Id, StringComparison.Ordinal);
    }

    public static void AssertNoErrors(IEnumerable<DotDiagnostic> diagnostics) =>
        Assert.True(!diagnostics.Any(d => d.IsError), "Unexpected errors:\n" + string.Join("\n", diagnostics.Where(d => d.IsError)));
}
