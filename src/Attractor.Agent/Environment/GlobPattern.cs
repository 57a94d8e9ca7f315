// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.RegularExpressions;

namespace Attractor.Agent;

/// <summary>Translates a glob (<c>*</c>, <c>**</c>, <c>?</c>, <c>[...]</c>, <c>{a,b}</c>) into a regular expression over <c>/</c>-separated relative paths.</summary>
internal static class GlobPattern
{
    /// <summary>Compiles a glob.</summary>
    /// <param name="glob">The glob.</param>
    /// <param name="ignoreCase">Whether letters match regardless of case.</param>
    /// <returns>A regex matching whole relative paths.</returns>
    /// <exception cref="ArgumentException">The glob is malformed (an unclosed <c>[</c> or <c>{</c>).</exception>
    public static Regex Compile(string glob, bool ignoreCase = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(glob);
        var builder = new StringBuilder("^");
        var braceDepth = 0;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*' when i + 1 < glob.Length && glob[i + 1] == '*':
                    var slashFollows = i + 2 < glob.Length && glob[i + 2] == '/';
                    builder.Append(slashFollows ? "(?:.*/)?" : ".*");
                    i += slashFollows ? 2 : 1;
                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var end = i + 2 < glob.Length ? glob.IndexOf(']', i + 2) : -1;
                    if (end < 0)
                    {
                        throw new ArgumentException($"Invalid glob pattern '{glob}': '[' at {i} is not closed.", nameof(glob));
                    }

                    var set = glob[(i + 1)..end];
                    builder.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                case '{':
                    braceDepth++;
                    builder.Append("(?:");
                    break;
                case '}' when braceDepth > 0:
                    braceDepth--;
                    builder.Append(')');
                    break;
                case ',' when braceDepth > 0:
                    builder.Append('|');
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braceDepth > 0)
        {
            throw new ArgumentException($"Invalid glob pattern '{glob}': '{{' is not closed.", nameof(glob));
        }

        builder.Append('$');
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(builder.ToString(), options, TimeSpan.FromSeconds(1));
    }
}
