// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Cli.Output;

/// <summary>What happened to one input file: it was loaded, or it could not be read.</summary>
/// <param name="Path">The path as the user gave it; diagnostics carry the same path.</param>
/// <param name="Pipeline">The loaded pipeline, or null when the file could not be read.</param>
/// <param name="ReadError">Why the file could not be read, or null.</param>
public sealed record FileResult(string Path, PreparedPipeline? Pipeline, string? ReadError)
{
    /// <summary>Gets the file's diagnostics; none when it could not be read.</summary>
    public IReadOnlyList<DotDiagnostic> Diagnostics => Pipeline?.Diagnostics ?? [];

    /// <summary>Gets a value indicating whether the file could not be read.</summary>
    public bool IsUnreadable => Pipeline is null;

    /// <summary>Counts the file's diagnostics of one severity.</summary>
    /// <param name="severity">The severity to count.</param>
    public int Count(DiagnosticSeverity severity)
    {
        var count = 0;
        foreach (var diagnostic in Diagnostics)
        {
            if (diagnostic.Severity == severity)
            {
                count++;
            }
        }

        return count;
    }
}
