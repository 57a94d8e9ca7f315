// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// A range of source text: a character offset and length (for editors and the compiler) and the
/// 1-based line and column of both ends (for people and MSBuild's canonical error format).
/// </summary>
/// <remarks>The default value means "no location", e.g. for graphs built in code.</remarks>
public readonly record struct SourceSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>Gets a value indicating whether this span points into a source file.</summary>
    public bool IsKnown => StartLine > 0;

    /// <summary>Gets the offset just past the end of the span.</summary>
    public int End => Start + Length;

    /// <summary>Returns the smallest span covering both spans; an unknown span is ignored.</summary>
    public SourceSpan Union(SourceSpan other)
    {
        if (!IsKnown)
        {
            return other;
        }

        if (!other.IsKnown)
        {
            return this;
        }

        var first = other.Start < Start ? other : this;
        var last = other.End > End ? other : this;
        return new SourceSpan(first.Start, last.End - first.Start, first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
    }

    /// <inheritdoc />
    public override string ToString() => IsKnown ? $"({StartLine},{StartColumn},{EndLine},{EndColumn})" : "(unknown)";
}
