// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Attractor.Generators;

/// <summary>
/// Where a diagnostic points, as plain values: a <see cref="Location"/> holds references that would
/// defeat the generator's caching, so it is only created when the diagnostic is reported.
/// </summary>
/// <param name="FilePath">The .dot file as Roslyn names it.</param>
/// <param name="Span">Character offsets in the file.</param>
/// <param name="LineSpan">Zero-based line and character positions.</param>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>Converts a front-end span (1-based lines and columns) to a location; unknown spans point at the file's start.</summary>
    public static LocationInfo From(string filePath, Attractor.Dot.SourceSpan span)
    {
        if (!span.IsKnown)
        {
            return new LocationInfo(filePath, new TextSpan(0, 0), new LinePositionSpan(LinePosition.Zero, LinePosition.Zero));
        }

        return new LocationInfo(
            filePath,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.StartLine - 1, span.StartColumn - 1), new LinePosition(span.EndLine - 1, span.EndColumn - 1)));
    }

    /// <summary>Points at the start of the file, for problems that belong to the file as a whole.</summary>
    public static LocationInfo FileStart(string filePath) => From(filePath, default);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
