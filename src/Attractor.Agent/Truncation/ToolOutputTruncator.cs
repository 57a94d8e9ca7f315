// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent;

/// <summary>
/// Shortens tool output for the model (spec §5.1, §5.3): by characters first, which bounds the size whatever the output
/// looks like (a 10 MB single line included), then by lines for readability. Markers tell the model what was removed.
/// </summary>
public static class ToolOutputTruncator
{
    /// <summary>Applies a tool's character limit and then its line limit.</summary>
    /// <param name="output">The full output.</param>
    /// <param name="toolName">The tool name, which selects the limits.</param>
    /// <param name="limits">The limits, or null for <see cref="ToolOutputLimits.Default"/>.</param>
    /// <returns>The output for the model.</returns>
    public static string Truncate(string output, string toolName, ToolOutputLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(toolName);
        limits ??= ToolOutputLimits.Default;
        var result = TruncateChars(output, limits.GetCharLimit(toolName), limits.GetMode(toolName));
        var maxLines = limits.GetLineLimit(toolName);
        return maxLines is { } lines ? TruncateLines(result, lines) : result;
    }

    /// <summary>Character-based truncation with the spec's marker text.</summary>
    /// <param name="output">The output.</param>
    /// <param name="maxChars">The most characters to keep.</param>
    /// <param name="mode">Which part to keep.</param>
    /// <returns>The output itself when it fits, else the kept part(s) with a warning marker.</returns>
    public static string TruncateChars(string output, int maxChars, TruncationMode mode)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        if (output.Length <= maxChars)
        {
            return output;
        }

        var removed = (output.Length - maxChars).ToString(CultureInfo.InvariantCulture);
        if (mode == TruncationMode.Tail)
        {
            return "[WARNING: Tool output was truncated. First " + removed + " characters were removed. "
                + "The full output is available in the event stream.]\n\n"
                + output[^maxChars..];
        }

        var half = maxChars / 2;
        return string.Concat(
            output.AsSpan(0, half),
            "\n\n[WARNING: Tool output was truncated. " + removed + " characters were removed from the middle. "
                + "The full output is available in the event stream. "
                + "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n",
            output.AsSpan(output.Length - half));
    }

    /// <summary>Line-based truncation: keeps the first and last lines around an omission marker.</summary>
    /// <param name="output">The output.</param>
    /// <param name="maxLines">The most lines to keep.</param>
    /// <returns>The output itself when it has at most <paramref name="maxLines"/> lines, else the head, a marker and the tail.</returns>
    public static string TruncateLines(string output, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        var lines = output.Split('\n');
        if (lines.Length <= maxLines)
        {
            return output;
        }

        var headCount = maxLines / 2;
        var tailCount = maxLines - headCount;
        var omitted = lines.Length - headCount - tailCount;
        return new StringBuilder()
            .AppendJoin('\n', lines[..headCount])
            .Append("\n[... ").Append(omitted.ToString(CultureInfo.InvariantCulture)).Append(" lines omitted ...]\n")
            .AppendJoin('\n', lines[^tailCount..])
            .ToString();
    }
}
