// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent.Patching;

/// <summary>
/// Applies a <see cref="PatchDocument"/> in two phases: every operation is checked and every new
/// content computed in memory first (later operations see earlier ones), and only then are files
/// written and deleted. A rejected patch therefore leaves the tree untouched; a write the file
/// system refuses midway is undone by restoring what was already written.
/// </summary>
internal static class PatchApplier
{
    public static async Task<ApplyPatchResult> ApplyAsync(PatchDocument patch, IPatchFileSystem fileSystem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(fileSystem);

        var stage = new Stage(fileSystem);
        var changes = new List<PatchedFile>();
        foreach (var operation in patch.Operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changes.Add(operation switch
            {
                AddFileOperation add => await AddAsync(stage, add, cancellationToken).ConfigureAwait(false),
                DeleteFileOperation delete => await DeleteAsync(stage, delete, cancellationToken).ConfigureAwait(false),
                UpdateFileOperation update => await UpdateAsync(stage, update, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"Unknown patch operation {operation.GetType().Name}."),
            });
        }

        await stage.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ApplyPatchResult(changes, PatchSummary.Format(changes));
    }

    private static async Task<PatchedFile> AddAsync(Stage stage, AddFileOperation add, CancellationToken cancellationToken)
    {
        if (await stage.ReadAsync(add.Path, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new PatchApplyException(add.Path, $"Cannot add '{add.Path}' (patch line {Line(add.LineNumber)}): the file already exists. Use '*** Update File:' to change it.");
        }

        var content = add.Lines.Count == 0 ? string.Empty : string.Join('\n', add.Lines) + "\n";
        stage.Write(add.Path, content);
        return new PatchedFile(PatchChangeKind.Added, add.Path, null, PatchMatchLevel.Exact);
    }

    private static async Task<PatchedFile> DeleteAsync(Stage stage, DeleteFileOperation delete, CancellationToken cancellationToken)
    {
        if (await stage.ReadAsync(delete.Path, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new PatchApplyException(delete.Path, $"Cannot delete '{delete.Path}' (patch line {Line(delete.LineNumber)}): the file does not exist.");
        }

        stage.Delete(delete.Path);
        return new PatchedFile(PatchChangeKind.Deleted, delete.Path, null, PatchMatchLevel.Exact);
    }

    private static async Task<PatchedFile> UpdateAsync(Stage stage, UpdateFileOperation update, CancellationToken cancellationToken)
    {
        var original = await stage.ReadAsync(update.Path, cancellationToken).ConfigureAwait(false)
            ?? throw new PatchApplyException(update.Path, $"Cannot update '{update.Path}' (patch line {Line(update.LineNumber)}): the file does not exist. Use '*** Add File:' to create it.");

        var file = TextFile.Parse(original);
        var level = ApplyHunks(file.Lines, update);
        var content = file.Render();

        if (update.MoveTo is null || SamePath(update.MoveTo, update.Path))
        {
            stage.Write(update.Path, content);
            return new PatchedFile(PatchChangeKind.Modified, update.Path, null, level);
        }

        if (await stage.ReadAsync(update.MoveTo, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new PatchApplyException(update.Path, $"Cannot move '{update.Path}' to '{update.MoveTo}' (patch line {Line(update.LineNumber)}): the destination already exists.");
        }

        stage.Write(update.MoveTo, content);
        stage.Delete(update.Path);
        return new PatchedFile(PatchChangeKind.Renamed, update.MoveTo, update.Path, level);
    }

    /// <summary>Applies the hunks in order, each searched from where the previous one ended.</summary>
    private static PatchMatchLevel ApplyHunks(List<string> lines, UpdateFileOperation update)
    {
        var loosest = PatchMatchLevel.Exact;
        var cursor = 0;
        for (var h = 0; h < update.Hunks.Count; h++)
        {
            var hunk = update.Hunks[h];

            // '@@ hint' lines narrow the search: each is found after the previous, and the hunk
            // is then searched from the last hint's line on (inclusive, so a hint may also be the
            // hunk's first context line).
            var searchFrom = cursor;
            int? lastHint = null;
            foreach (var hint in hunk.ContextHints)
            {
                var found = LineMatcher.Find(lines, [hint], lastHint + 1 ?? cursor, atEnd: false)
                    ?? throw new PatchApplyException(update.Path, $"Failed to apply hunk {h + 1} of '{update.Path}' (patch line {Line(hunk.LineNumber)}): could not find the context line '@@ {hint}'{After(cursor)}. No files were changed.");
                lastHint = found.Index;
                searchFrom = found.Index;
                loosest = Max(loosest, found.Level);
            }

            var hunkLines = hunk.Lines;
            var oldLines = hunk.OldLines;
            if (oldLines.Count == 0)
            {
                // A pure insertion goes after its hint, or at the end of the file without one.
                var at = lastHint is { } hintIndex && !hunk.IsEndOfFile ? hintIndex + 1 : lines.Count;
                lines.InsertRange(at, hunk.NewLines);
                cursor = at + hunk.NewLines.Count;
                continue;
            }

            var match = LineMatcher.Find(lines, oldLines, searchFrom, hunk.IsEndOfFile);
            if (match is null && hunkLines[^1] is { Kind: HunkLineKind.Context, Text.Length: 0 })
            {
                // A trailing empty context line often stands for the file's final newline, which
                // is not a line of its own here.
                var trimmed = TrimTrailingEmptyContext(hunkLines);
                var trimmedOld = OldLinesOf(trimmed);
                if (trimmedOld.Count > 0 && LineMatcher.Find(lines, trimmedOld, searchFrom, hunk.IsEndOfFile) is { } retried)
                {
                    match = retried;
                    hunkLines = trimmed;
                    oldLines = trimmedOld;
                }
            }

            if (match is null)
            {
                throw new PatchApplyException(update.Path, NotFound(update.Path, h, hunk, searchFrom));
            }

            var (index, level) = match.Value;
            var replacement = Replacement(hunkLines, lines, index);
            lines.RemoveRange(index, oldLines.Count);
            lines.InsertRange(index, replacement);
            cursor = index + replacement.Count;
            loosest = Max(loosest, level);
        }

        return loosest;
    }

    /// <summary>
    /// The lines replacing a match: context lines keep the file's own text (a fuzzy match must not
    /// rewrite their whitespace or punctuation), added lines come from the patch.
    /// </summary>
    private static List<string> Replacement(IReadOnlyList<HunkLine> hunkLines, List<string> lines, int index)
    {
        var replacement = new List<string>(hunkLines.Count);
        var old = index;
        foreach (var line in hunkLines)
        {
            switch (line.Kind)
            {
                case HunkLineKind.Context:
                    replacement.Add(lines[old++]);
                    break;
                case HunkLineKind.Removed:
                    old++;
                    break;
                default:
                    replacement.Add(line.Text);
                    break;
            }
        }

        return replacement;
    }

    private static List<HunkLine> TrimTrailingEmptyContext(IReadOnlyList<HunkLine> hunkLines)
    {
        var count = hunkLines.Count;
        while (count > 0 && hunkLines[count - 1] is { Kind: HunkLineKind.Context, Text.Length: 0 })
        {
            count--;
        }

        return [.. hunkLines.Take(count)];
    }

    private static List<string> OldLinesOf(IReadOnlyList<HunkLine> hunkLines) =>
        [.. hunkLines.Where(l => l.Kind != HunkLineKind.Added).Select(l => l.Text)];

    private static string NotFound(string path, int hunkIndex, PatchHunk hunk, int searchFrom)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Failed to apply hunk {hunkIndex + 1} of '{path}' (patch line {hunk.LineNumber}): ");
        builder.Append(hunk.IsEndOfFile ? "could not find these lines at the end of the file (where '*** End of File' places them) or elsewhere" : "could not find these lines");
        builder.Append(After(searchFrom));
        builder.Append(" (compared exactly, then ignoring whitespace and punctuation variants):\n");
        foreach (var line in hunk.OldLines)
        {
            builder.Append(line).Append('\n');
        }

        builder.Append("Read the file again and make the context and '-' lines match its current content. No files were changed.");
        return builder.ToString();
    }

    /// <summary>Where the search started, as the 1-based line it came after.</summary>
    private static string After(int lineIndex) =>
        lineIndex == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" after line {lineIndex}");

    private static string Line(int lineNumber) => lineNumber.ToString(CultureInfo.InvariantCulture);

    private static PatchMatchLevel Max(PatchMatchLevel a, PatchMatchLevel b) => a >= b ? a : b;

    private static bool SamePath(string a, string b) => Stage.Key(a) == Stage.Key(b);

    /// <summary>The files as the patch leaves them, before anything is written.</summary>
    private sealed class Stage(IPatchFileSystem fileSystem)
    {
        private readonly Dictionary<string, (string Path, string? Content)> _staged = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _originals = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public static string Key(string path)
        {
            var key = path.Replace('\\', '/');
            while (key.StartsWith("./", StringComparison.Ordinal))
            {
                key = key[2..];
            }

            return key;
        }

        public async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            var key = Key(path);
            if (_staged.TryGetValue(key, out var staged))
            {
                return staged.Content;
            }

            if (!_originals.TryGetValue(key, out var original))
            {
                original = await fileSystem.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
                _originals[key] = original;
            }

            return original;
        }

        public void Write(string path, string content) => Set(path, content);

        public void Delete(string path) => Set(path, null);

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            var done = new List<string>();
            try
            {
                foreach (var key in _order)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var (path, content) = _staged[key];
                    var original = _originals.GetValueOrDefault(key);
                    if (content == original)
                    {
                        continue;
                    }

                    done.Add(key);
                    if (content is null)
                    {
                        await fileSystem.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await fileSystem.WriteTextAsync(path, content, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                await RollBackAsync(done).ConfigureAwait(false);
                if (exception is OperationCanceledException)
                {
                    throw;
                }

                var failed = _staged[done[^1]].Path;
                throw new PatchApplyException(failed, $"Cannot write '{failed}': {exception.Message} The files already written were restored.", exception);
            }
        }

        private async Task RollBackAsync(List<string> done)
        {
            foreach (var key in done)
            {
                var (path, _) = _staged[key];
                try
                {
                    if (_originals.GetValueOrDefault(key) is { } original)
                    {
                        await fileSystem.WriteTextAsync(path, original, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        await fileSystem.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Best effort: restore what can be restored; the original failure is reported.
                }
            }
        }

        private void Set(string path, string? content)
        {
            var key = Key(path);
            if (!_staged.ContainsKey(key))
            {
                _order.Add(key);
            }

            _staged[key] = (path, content);
        }
    }
}
