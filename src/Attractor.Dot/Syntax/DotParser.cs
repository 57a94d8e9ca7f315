// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using Attractor.Dot.Syntax;

namespace Attractor.Dot;

/// <summary>
/// Parses the DOT subset of attractor-spec §2 into a flattened <see cref="PipelineGraph"/>.
/// Liberal in what it accepts (commas, quoted IDs, semicolons) and precise in what it reports:
/// every problem becomes a located diagnostic, and parsing continues so one pass finds them all.
/// </summary>
public static class DotParser
{
    /// <summary>Parses DOT text. Never throws for any input.</summary>
    /// <param name="text">The DOT source.</param>
    /// <param name="filePath">The file name used in diagnostics, or null.</param>
    public static DotParseResult Parse(string text, string? filePath = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return new Parser(text, filePath, applyBuiltInTransforms: false).ParseFile();
    }

    /// <summary>
    /// Parses DOT text and, when the file is structurally complete, applies the built-in transforms
    /// (<c>$goal</c> expansion, then the stylesheet) to each node as it is built, so no node is built
    /// twice (<see cref="DotParseResult.BuiltInTransformsApplied"/> says whether they were).
    /// </summary>
    internal static DotParseResult ParseAndApplyBuiltIns(string text, string? filePath) =>
        new Parser(text, filePath, applyBuiltInTransforms: true).ParseFile();
}
