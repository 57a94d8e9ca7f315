// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Attractor.Agent;

/// <summary>The .NET regex search used when ripgrep is not installed; prints matches the way <c>rg -n --no-heading</c> does.</summary>
/// <remarks>
/// Files are visited in path order as the tree is walked, so a search that reaches its match limit stops walking;
/// each file is read into a reused buffer and searched line by line without a string per line; a file the pattern
/// cannot match anywhere is not split into lines at all (see <see cref="CanSearchWholeText"/>).
/// </remarks>
internal static class ManagedGrep
{
    // Binary files are skipped, as ripgrep does by default: a NUL byte near the start.
    private const int BinaryProbeLength = 8192;

    // Above this a whole-file check could run into the regex timeout that single lines stay far below.
    private const int WholeTextCheckLimit = 1 << 20;

    public static string Search(string pattern, string path, GrepOptions options, CancellationToken cancellationToken)
    {
        var singleFile = File.Exists(path);
        Regex regex;
        try
        {
            // Compiling costs a few milliseconds and pays for itself only over many files.
            var regexOptions = RegexOptions.CultureInvariant | (options.CaseInsensitive ? RegexOptions.IgnoreCase : RegexOptions.None) | (singleFile ? RegexOptions.None : RegexOptions.Compiled);
            regex = new Regex(pattern, regexOptions, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"Invalid regex '{pattern}': {exception.Message}", nameof(pattern), exception);
        }

        var wholeText = CanSearchWholeText(pattern);
        var filter = string.IsNullOrEmpty(options.GlobFilter) ? null : GlobPattern.Compile(options.GlobFilter);
        var filterOnPath = options.GlobFilter?.Contains('/', StringComparison.Ordinal) == true;
        IEnumerable<FileInfo> files = singleFile ? [new FileInfo(path)] : FileWalker.Files(path, cancellationToken, inPathOrder: true);
        var output = new StringBuilder();
        var count = 0;
        var bytes = Array.Empty<byte>();
        var chars = Array.Empty<char>();
        try
        {
            foreach (var file in files)
            {
                if (count >= options.MaxResults)
                {
                    break;
                }

                var candidate = filterOnPath ? Path.GetRelativePath(path, file.FullName).Replace('\\', '/') : file.Name;
                if (filter is not null && !filter.IsMatch(candidate))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var length = Read(file, ref bytes);
                if (length < 0 || bytes.AsSpan(0, Math.Min(length, BinaryProbeLength)).Contains((byte)0))
                {
                    continue;
                }

                Grow(ref chars, Encoding.UTF8.GetMaxCharCount(length));
                var text = chars.AsSpan(0, Encoding.UTF8.GetChars(bytes.AsSpan(0, length), chars));
                if (wholeText && text.Length <= WholeTextCheckLimit && !regex.IsMatch(text))
                {
                    continue;
                }

                count = SearchLines(text, file.FullName, regex, options.MaxResults, output, count);
            }
        }
        finally
        {
            Return(bytes);
            Return(chars);
        }

        return output.ToString();
    }

    /// <summary>
    /// Tells whether a pattern matches the same way inside a line as inside the whole text around it: no anchors,
    /// word boundaries or lookarounds, which look past the match. Then a line can only match if the whole text does,
    /// and one search of the text rules a file out. Conservative: an escaped or bracketed <c>^</c>, <c>$</c> or
    /// <c>\b</c> also counts as context.
    /// </summary>
    /// <param name="pattern">The regex.</param>
    /// <returns>True when one whole-text search can rule a file out.</returns>
    internal static bool CanSearchWholeText(string pattern) =>
        pattern.AsSpan().IndexOfAny('^', '$') < 0
        && !pattern.Contains("(?=", StringComparison.Ordinal)
        && !pattern.Contains("(?!", StringComparison.Ordinal)
        && !pattern.Contains("(?<=", StringComparison.Ordinal)
        && !pattern.Contains("(?<!", StringComparison.Ordinal)
        && !pattern.Contains("(?(", StringComparison.Ordinal)
        && !ContainsEscape(pattern, "AzZGbB");

    // Lines are split at '\n' with a trailing '\r' removed, numbered from 1; a final '\n' is followed by an empty last line.
    private static int SearchLines(ReadOnlySpan<char> text, string fileName, Regex regex, int maxResults, StringBuilder output, int count)
    {
        if (text.IsEmpty)
        {
            return count;
        }

        var number = 0;
        while (count < maxResults)
        {
            number++;
            var newline = text.IndexOf('\n');
            var line = (newline < 0 ? text : text[..newline]).TrimEnd('\r');
            if (regex.IsMatch(line))
            {
                output.Append(fileName).Append(':').Append(number).Append(':').Append(line).Append('\n');
                count++;
            }

            if (newline < 0)
            {
                break;
            }

            text = text[(newline + 1)..];
        }

        return count;
    }

    private static bool ContainsEscape(string pattern, string letters)
    {
        for (var i = pattern.IndexOf('\\', StringComparison.Ordinal); i >= 0 && i + 1 < pattern.Length; i = pattern.IndexOf('\\', i + 2))
        {
            if (letters.Contains(pattern[i + 1], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a whole file into <paramref name="buffer"/> (grown from the shared pool as needed).</summary>
    /// <returns>The number of bytes read, or -1 when the file cannot be read (it is skipped, like an unreadable file in ripgrep).</returns>
    private static int Read(FileInfo file, ref byte[] buffer)
    {
        try
        {
            using var handle = File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length >= Array.MaxLength)
            {
                return -1;
            }

            // The reported length is read (as File.ReadAllBytes does) without one more call to see the end; a file
            // that reports no length (a pseudo-file) is read until a read returns nothing.
            Grow(ref buffer, (int)length + 1);
            var total = 0;
            while (true)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0 || (length > 0 && total + read >= length))
                {
                    return total + read;
                }

                total += read;
                if (total == buffer.Length)
                {
                    if (total >= Array.MaxLength)
                    {
                        return -1;
                    }

                    Grow(ref buffer, (int)Math.Min(2L * total, Array.MaxLength));
                }
            }
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length >= length)
        {
            return;
        }

        var larger = ArrayPool<T>.Shared.Rent(length);
        buffer.AsSpan().CopyTo(larger);
        Return(buffer);
        buffer = larger;
    }

    private static void Return<T>(T[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}
