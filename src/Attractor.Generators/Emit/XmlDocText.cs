// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;

namespace Attractor.Generators.Emit;

/// <summary>
/// Makes user text (labels, prompts, goals) safe inside <c>///</c> comments: XML-escaped, one comment
/// line per text line, and without characters XML forbids, so the consumer's build never reports
/// badly formed documentation (CS1570) for a label.
/// </summary>
internal static class XmlDocText
{
    public static IEnumerable<string> Lines(string text)
    {
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
        foreach (var line in normalized.Split('\n'))
        {
            yield return Escape(line.TrimEnd());
        }
    }

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[++i]);
                    }
                    else if (IsXmlChar(c))
                    {
                        builder.Append(c);
                    }
                    else
                    {
                        builder.Append('\uFFFD');
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    // XML 1.0 Char production, minus line breaks (each line is its own comment line) and the
    // Unicode line separators C# treats as line ends inside a comment.
    private static bool IsXmlChar(char c) =>
        c == '\t'
        || (c >= 0x20 && c <= 0xD7FF && c != '\u0085' && c != '\u2028' && c != '\u2029')
        || (c >= 0xE000 && c <= 0xFFFD);
}
