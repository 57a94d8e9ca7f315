// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Conditions;

namespace Attractor.Dot.Validation;

/// <summary>
/// A few most recent condition parses, matched by string instance, in front of
/// <see cref="ConditionCache.Shared"/>. The parser interns short values, so a graph's edges share a
/// handful of condition instances and most lookups skip hashing the text. Per rule run; not thread-safe.
/// </summary>
internal sealed class ConditionLookup
{
    private const int Slots = 4;
    private readonly string?[] _texts = new string?[Slots];
    private readonly ConditionParseResult?[] _results = new ConditionParseResult?[Slots];
    private int _next;

    /// <summary>Returns what <see cref="ConditionCache.GetOrParse(string)"/> of the shared cache returns for the text.</summary>
    public ConditionParseResult GetOrParse(string text)
    {
        for (var i = 0; i < Slots; i++)
        {
            if (ReferenceEquals(_texts[i], text))
            {
                return _results[i]!;
            }
        }

        var result = ConditionCache.Shared.GetOrParse(text);
        _texts[_next] = text;
        _results[_next] = result;
        _next = (_next + 1) % Slots;
        return result;
    }
}
