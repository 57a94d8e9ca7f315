// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>One <c>@@</c> hunk of an update.</summary>
/// <param name="LineNumber">The 1-based patch line where the hunk starts (its first <c>@@</c> line, or its first line when the header is omitted).</param>
/// <param name="ContextHints">The texts after <c>@@ </c>, outermost first (consecutive <c>@@</c> lines narrow the search, e.g. class then method).</param>
/// <param name="Lines">The context, removed and added lines in patch order.</param>
/// <param name="IsEndOfFile">Whether <c>*** End of File</c> closed the hunk: it is anchored at the end of the file.</param>
internal sealed record PatchHunk(int LineNumber, IReadOnlyList<string> ContextHints, IReadOnlyList<HunkLine> Lines, bool IsEndOfFile)
{
    /// <summary>Gets the lines the file must contain where the hunk applies (context and removed lines).</summary>
    public IReadOnlyList<string> OldLines { get; } =
        [.. Lines.Where(l => l.Kind != HunkLineKind.Added).Select(l => l.Text)];

    /// <summary>Gets the lines that replace them (context and added lines).</summary>
    public IReadOnlyList<string> NewLines { get; } =
        [.. Lines.Where(l => l.Kind != HunkLineKind.Removed).Select(l => l.Text)];
}
