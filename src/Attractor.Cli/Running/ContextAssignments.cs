// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Running;

/// <summary>Parses <c>--set key=value</c> options into initial context values.</summary>
internal static class ContextAssignments
{
    /// <summary>The option's name, as problems quote it.</summary>
    public const string OptionName = "--set";

    /// <summary>
    /// Splits each item at its first <c>=</c>: the key is trimmed and must be non-empty and free of
    /// whitespace; the value is kept verbatim (it may be empty or contain <c>=</c>) and stored as a string,
    /// which is how conditions compare values. A later item for the same key wins, like a shell variable.
    /// </summary>
    /// <param name="items">The option values as typed.</param>
    /// <param name="problems">One message per malformed item, naming the option and the value.</param>
    /// <returns>The values by key.</returns>
    public static IReadOnlyDictionary<string, object?> Parse(IEnumerable<string> items, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(problems);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? string.Empty : item[..equals].Trim();
            if (equals < 0 || key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                problems.Add($"{OptionName} '{item}' is not valid: expected key=value with a non-empty key without spaces, e.g. {OptionName} ticket=ABC-123");
                continue;
            }

            values[key] = item[(equals + 1)..];
        }

        return values;
    }
}
