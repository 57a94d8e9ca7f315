// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Accelerator keys of human-gate choices (attractor-spec §4.6) and the edge-label normalisation of
/// §3.3. Recognised prefixes: <c>[K] Label</c>, <c>K) Label</c>, <c>K - Label</c>; otherwise the key is the
/// first character of the label. Keys are returned in upper case.
/// </summary>
public static class AcceleratorKeys
{
    /// <summary>Extracts the accelerator key of a label, e.g. <c>Y</c> for <c>[Y] Yes, deploy</c>, <c>Y) Yes</c>, <c>Y - Yes</c> or <c>Yes</c>.</summary>
    /// <param name="label">The edge label (or target node ID).</param>
    /// <returns>The upper-case key, or the empty string for an empty label.</returns>
    public static string Parse(string? label)
    {
        var text = (label ?? string.Empty).AsSpan().Trim();
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (TryMatchPrefix(text, out var key, out _))
        {
            return key.ToString().ToUpperInvariant();
        }

        return text[..1].ToString().ToUpperInvariant();
    }

    /// <summary>
    /// Removes an explicit accelerator prefix (<c>[K] </c>, <c>K) </c>, <c>K - </c>) and surrounding whitespace;
    /// a label without such a prefix (or with nothing after it) is only trimmed. Case is preserved.
    /// </summary>
    /// <param name="label">The label.</param>
    /// <returns>The label text without its accelerator prefix.</returns>
    public static string StripPrefix(string? label)
    {
        var text = (label ?? string.Empty).AsSpan().Trim();
        if (TryMatchPrefix(text, out _, out var rest))
        {
            var remainder = rest.Trim();
            if (!remainder.IsEmpty)
            {
                return remainder.ToString();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Normalises a label for edge matching (§3.3): strips the accelerator prefix, trims and lower-cases
    /// (invariant culture). <c>[Y] Yes, Deploy</c>, <c>Y) yes, deploy</c> and <c> Yes, deploy </c> all give <c>yes, deploy</c>.
    /// </summary>
    /// <param name="label">The label.</param>
    /// <returns>The normalised label.</returns>
    public static string Normalize(string? label) => StripPrefix(label).ToLowerInvariant();

    /// <summary>Gets whether the label starts with an explicit accelerator prefix.</summary>
    /// <param name="label">The label.</param>
    /// <returns><see langword="true"/> for <c>[K] …</c>, <c>K) …</c> and <c>K - …</c>.</returns>
    public static bool HasExplicitKey(string? label) => TryMatchPrefix((label ?? string.Empty).AsSpan().Trim(), out _, out _);

    private static bool TryMatchPrefix(ReadOnlySpan<char> text, out ReadOnlySpan<char> key, out ReadOnlySpan<char> rest)
    {
        key = default;
        rest = default;
        if (text.Length >= 3 && text[0] == '[')
        {
            var close = text.IndexOf(']');
            if (close > 1)
            {
                var inner = text[1..close].Trim();
                if (!inner.IsEmpty && IsKeyText(inner))
                {
                    key = inner;
                    rest = text[(close + 1)..];
                    return true;
                }
            }

            return false;
        }

        if (text.Length >= 2 && char.IsLetterOrDigit(text[0]) && text[1] == ')')
        {
            key = text[..1];
            rest = text[2..];
            return true;
        }

        // "K - Label": one key character, whitespace, a hyphen, then whitespace or the end.
        if (text.Length >= 3 && char.IsLetterOrDigit(text[0]) && char.IsWhiteSpace(text[1]))
        {
            var afterKey = text[1..].TrimStart();
            if (afterKey.Length >= 1 && afterKey[0] == '-' && (afterKey.Length == 1 || char.IsWhiteSpace(afterKey[1])))
            {
                key = text[..1];
                rest = afterKey[1..];
                return true;
            }
        }

        return false;
    }

    private static bool IsKeyText(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
