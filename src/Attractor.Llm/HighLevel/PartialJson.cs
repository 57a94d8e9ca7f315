// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Parses the prefix of a JSON document that is still arriving into the value it describes so far: finished
/// members and elements, strings as far as they go, numbers and literals only once they are complete (so a value
/// never changes type or shrinks), unfinished keys dropped.
/// </summary>
internal static class PartialJson
{
    /// <summary>Parses a JSON prefix.</summary>
    /// <param name="text">The text received so far (leading prose or a code fence before the JSON is skipped).</param>
    /// <param name="value">The value so far; null when nothing usable has arrived.</param>
    /// <returns>False when the text cannot be the start of a JSON document.</returns>
    public static bool TryParse(string text, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        var start = text.IndexOfAny(['{', '[']);
        if (start < 0)
        {
            return true;
        }

        try
        {
            var reader = new Reader(text, start);
            var result = reader.ParseValue();
            value = result.Present ? result.Node : null;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private readonly record struct Parsed(JsonNode? Node, bool Present, bool Complete)
    {
        public static Parsed Missing => new(null, false, false);
    }

    private sealed class Reader(string text, int position)
    {
        private int index = position;

        private bool AtEnd => index >= text.Length;

        public Parsed ParseValue()
        {
            SkipWhitespace();
            if (AtEnd)
            {
                return Parsed.Missing;
            }

            switch (text[index])
            {
                case '{':
                    return ParseObject();
                case '[':
                    return ParseArray();
                case '"':
                    var (value, closed) = ParseString();
                    return new Parsed(JsonValue.Create(value), true, closed);
                case 't':
                    return ParseLiteral("true", JsonValue.Create(true));
                case 'f':
                    return ParseLiteral("false", JsonValue.Create(false));
                case 'n':
                    return ParseLiteral("null", null);
                default:
                    return ParseNumber();
            }
        }

        private Parsed ParseObject()
        {
            index++;
            var result = new JsonObject();
            while (true)
            {
                SkipWhitespace();
                if (AtEnd)
                {
                    return new Parsed(result, true, false);
                }

                var c = text[index];
                if (c == '}')
                {
                    index++;
                    return new Parsed(result, true, true);
                }

                if (c == ',')
                {
                    index++;
                    continue;
                }

                if (c != '"')
                {
                    throw new FormatException();
                }

                var (key, closed) = ParseString();
                SkipWhitespace();
                if (!closed || AtEnd)
                {
                    return new Parsed(result, true, false);
                }

                if (text[index] != ':')
                {
                    throw new FormatException();
                }

                index++;
                var member = ParseValue();
                if (member.Present)
                {
                    result[key] = member.Node;
                }

                if (!member.Complete)
                {
                    return new Parsed(result, true, false);
                }
            }
        }

        private Parsed ParseArray()
        {
            index++;
            var result = new JsonArray();
            while (true)
            {
                SkipWhitespace();
                if (AtEnd)
                {
                    return new Parsed(result, true, false);
                }

                var c = text[index];
                if (c == ']')
                {
                    index++;
                    return new Parsed(result, true, true);
                }

                if (c == ',')
                {
                    index++;
                    continue;
                }

                var element = ParseValue();
                if (element.Present)
                {
                    result.Add(element.Node);
                }

                if (!element.Complete)
                {
                    return new Parsed(result, true, false);
                }
            }
        }

        private (string Value, bool Closed) ParseString()
        {
            index++;
            var builder = new StringBuilder();
            while (!AtEnd)
            {
                var c = text[index];
                if (c == '"')
                {
                    index++;
                    return (builder.ToString(), true);
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    index++;
                    continue;
                }

                if (index + 1 >= text.Length)
                {
                    break;
                }

                var escaped = text[index + 1];
                if (escaped == 'u')
                {
                    if (index + 6 > text.Length)
                    {
                        break;
                    }

                    builder.Append((char)Convert.ToInt32(text.Substring(index + 2, 4), 16));
                    index += 6;
                    continue;
                }

                builder.Append(escaped switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    'b' => '\b',
                    'f' => '\f',
                    _ => escaped,
                });
                index += 2;
            }

            // An escape cut in half is left out until the rest arrives.
            index = text.Length;
            return (builder.ToString(), false);
        }

        private Parsed ParseLiteral(string literal, JsonNode? node)
        {
            var available = Math.Min(literal.Length, text.Length - index);
            if (string.CompareOrdinal(text, index, literal, 0, available) != 0)
            {
                throw new FormatException();
            }

            if (available < literal.Length)
            {
                index = text.Length;
                return Parsed.Missing;
            }

            index += literal.Length;
            return new Parsed(node, true, true);
        }

        private Parsed ParseNumber()
        {
            var start = index;
            while (!AtEnd && "+-0123456789.eE".Contains(text[index], StringComparison.Ordinal))
            {
                index++;
            }

            if (index == start)
            {
                throw new FormatException();
            }

            if (AtEnd)
            {
                // More digits may follow.
                return Parsed.Missing;
            }

            try
            {
                return new Parsed(JsonNode.Parse(text.AsSpan(start, index - start).ToString()), true, true);
            }
            catch (JsonException error)
            {
                throw new FormatException(error.Message, error);
            }
        }

        private void SkipWhitespace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[index]))
            {
                index++;
            }
        }
    }
}
