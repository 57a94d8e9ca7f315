// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Dot;

/// <summary>One problem found in a pipeline, located to the token that caused it.</summary>
/// <param name="Descriptor">The ID, rule and default severity.</param>
/// <param name="Severity">The effective severity.</param>
/// <param name="Message">What is wrong, in terms of the user's file.</param>
/// <param name="FilePath">The file, when the graph came from one.</param>
/// <param name="Span">The offending token or construct.</param>
public sealed record DotDiagnostic(DiagnosticDescriptor Descriptor, DiagnosticSeverity Severity, string Message, string? FilePath, SourceSpan Span)
{
    /// <summary>Gets the stable ID, e.g. <c>ATR2001</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>Gets the rule name, e.g. <c>start_node</c>.</summary>
    public string Rule => Descriptor.Rule;

    /// <summary>Gets the related node ID, if any.</summary>
    public string? NodeId { get; init; }

    /// <summary>Gets the related edge, if any.</summary>
    public EdgeReference? Edge { get; init; }

    /// <summary>Gets a suggested fix, if any.</summary>
    public string? Fix { get; init; }

    /// <summary>Gets a value indicating whether this diagnostic stops the pipeline from running.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// Formats the diagnostic in MSBuild's canonical form,
    /// <c>path(line,col): error ATR2001: message [rule]</c>, which IDEs and CI logs make clickable.
    /// </summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(string.IsNullOrEmpty(FilePath) ? "<input>" : FilePath);
        if (Span.IsKnown)
        {
            builder.Append('(').Append(Span.StartLine.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Span.StartColumn.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        builder.Append(": ").Append(SeverityText(Severity)).Append(' ').Append(Id).Append(": ").Append(Message)
            .Append(" [").Append(Rule).Append(']');
        return builder.ToString();
    }

    /// <summary>Gets the lower-case word MSBuild uses for a severity.</summary>
    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
