// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Attractor.Dot.Stylesheets;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>stylesheet_syntax</c>: the graph's <c>model_stylesheet</c> parses as §8.2
/// rules (ATR2008, error). Also reports properties §8.4 does not define, which are ignored
/// (ATR2019, warning), and the aliases <c>model</c>/<c>provider</c>, which are applied as
/// <c>llm_model</c>/<c>llm_provider</c> (ATR2020, warning).
/// </summary>
public sealed class StylesheetSyntaxRule : ILintRule
{
    private static readonly string PropertyList = LintSupport.JoinAlternatives(StylesheetProperties.All);

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.StylesheetSyntax.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var source = graph.Attributes.Get(AttributeNames.ModelStylesheet);
        if (source is null || source.Value.Length == 0)
        {
            return Array.Empty<DotDiagnostic>();
        }

        var result = ModelStylesheet.Parse(source.Value);
        var diagnostics = new List<DotDiagnostic>();
        foreach (var error in result.Errors)
        {
            diagnostics.Add(DiagnosticDescriptors.StylesheetSyntax.Create(
                "Graph attribute model_stylesheet does not parse: " + error.Message + ". The rule is ignored (§8.2).",
                graph.FilePath,
                Locate(graph, source, error.Start, error.Length),
                fix: error.Fix ?? "Write each rule as 'selector { property: value; }' with a selector '*', a shape, '.class' or '#id' (attractor-spec §8.2)."));
        }

        foreach (var rule in result.Stylesheet.Rules)
        {
            foreach (var declaration in rule.Declarations)
            {
                if (declaration.IsAlias)
                {
                    diagnostics.Add(DiagnosticDescriptors.StylesheetAlias.Create(
                        "Stylesheet rule " + LintSupport.Quote(rule.Selector.ToString()) + " uses property " + LintSupport.Quote(declaration.Property)
                            + ", an alias the spec does not define; it is applied as " + declaration.Name + ", the name §8.4 expects.",
                        graph.FilePath,
                        Locate(graph, source, declaration.PropertyStart, declaration.PropertyLength),
                        fix: "rename " + declaration.Property + " to " + declaration.Name));
                }
                else if (!declaration.IsKnown)
                {
                    var closest = Conditions.EditDistance.Closest(declaration.Property, StylesheetProperties.All, maxDistance: 3);
                    diagnostics.Add(DiagnosticDescriptors.StylesheetPropertyKnown.Create(
                        "Stylesheet rule " + LintSupport.Quote(rule.Selector.ToString()) + " sets property " + LintSupport.Quote(declaration.Property)
                            + ", which §8.4 does not define, so it is ignored; the stylesheet sets only " + PropertyList + ".",
                        graph.FilePath,
                        Locate(graph, source, declaration.PropertyStart, declaration.PropertyLength),
                        fix: closest is not null
                            ? "did you mean " + closest + "? write " + closest + ": " + declaration.Value
                            : "remove it, or set it as an attribute on the nodes that need it"));
                }
            }
        }

        return diagnostics;
    }

    /// <summary>Locates characters of the stylesheet in the file, falling back to the attribute or graph.</summary>
    internal static SourceSpan Locate(PipelineGraph graph, DotAttribute source, int start, int length)
    {
        var span = source.LocateInValue(start, length);
        return span.IsKnown ? span : graph.IdSpan;
    }
}
