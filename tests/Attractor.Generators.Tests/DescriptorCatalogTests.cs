// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using Attractor.Dot;
using Microsoft.CodeAnalysis;
using GeneratorDiagnostics = Generators::Attractor.Generators.GeneratorDiagnostics;

namespace Attractor.Generators.Tests;

/// <summary>The generator's Roslyn descriptors mirror the front-end catalog: same IDs, same default severities.</summary>
public sealed class DescriptorCatalogTests
{
    [Fact]
    public void Every_front_end_diagnostic_has_a_descriptor_with_its_id_severity_and_help_link()
    {
        foreach (var dot in DiagnosticDescriptors.All)
        {
            var roslyn = GeneratorDiagnostics.Get(dot.Id);
            Assert.Equal(dot.Id, roslyn.Id);
            Assert.Equal(dot.Title, roslyn.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(
                dot.DefaultSeverity switch
                {
                    Attractor.Dot.DiagnosticSeverity.Error => Microsoft.CodeAnalysis.DiagnosticSeverity.Error,
                    Attractor.Dot.DiagnosticSeverity.Warning => Microsoft.CodeAnalysis.DiagnosticSeverity.Warning,
                    _ => Microsoft.CodeAnalysis.DiagnosticSeverity.Info,
                },
                roslyn.DefaultSeverity);
            Assert.True(roslyn.IsEnabledByDefault);
            Assert.Equal(dot.HelpLink, roslyn.HelpLinkUri);
        }
    }

    [Fact]
    public void The_generator_ids_are_its_own_and_errors()
    {
        var ids = GeneratorDiagnostics.All.Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DiagnosticDescriptors.All.Count + 2, ids.Count);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, GeneratorDiagnostics.Get("ATR9000").DefaultSeverity);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, GeneratorDiagnostics.Get("ATR9001").DefaultSeverity);
    }
}
