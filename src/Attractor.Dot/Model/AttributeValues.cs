// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Globalization;

namespace Attractor.Dot;

/// <summary>Parses attribute text as the value types of attractor-spec §2.4.</summary>
public static class AttributeValues
{
    /// <summary>Parses an integer with an optional sign.</summary>
    public static bool TryParseInteger(string? text, out int value) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a float such as <c>0.5</c> or <c>-3.14</c>.</summary>
    public static bool TryParseFloat(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses <c>true</c> or <c>false</c> (any case, as people write <c>True</c>).</summary>
    public static bool TryParseBoolean(string? text, out bool value)
    {
        var trimmed = text?.Trim();
        if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        value = false;
        return string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses a duration: an integer with a unit <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.
    /// A bare integer is read as seconds.
    /// </summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var digitsEnd = 0;
        while (digitsEnd < trimmed!.Length && (char.IsDigit(trimmed[digitsEnd]) || (digitsEnd == 0 && trimmed[0] == '-')))
        {
            digitsEnd++;
        }

        if (!long.TryParse(trimmed.Substring(0, digitsEnd), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            return false;
        }

        double milliseconds;
        switch (trimmed.Substring(digitsEnd))
        {
            case "ms": milliseconds = amount; break;
            case "":
            case "s": milliseconds = amount * 1000d; break;
            case "m": milliseconds = amount * 60_000d; break;
            case "h": milliseconds = amount * 3_600_000d; break;
            case "d": milliseconds = amount * 86_400_000d; break;
            default: return false;
        }

        if (milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Classifies bare (unquoted) text the way the lexer does.</summary>
    public static AttributeValueKind ClassifyBare(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (text == "true" || text == "false")
        {
            return AttributeValueKind.Boolean;
        }

        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var digitsStart = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            i++;
        }

        var digits = i - digitsStart;
        if (i == text.Length)
        {
            return digits > 0 ? AttributeValueKind.Integer : AttributeValueKind.Bare;
        }

        if (text[i] == '.')
        {
            var fractionStart = ++i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                i++;
            }

            return i == text.Length && i > fractionStart ? AttributeValueKind.Float : AttributeValueKind.Bare;
        }

        if (digits > 0 && digitsStart == 0)
        {
            var unit = text.Substring(i);
            if (unit is "ms" or "s" or "m" or "h" or "d")
            {
                return AttributeValueKind.Duration;
            }
        }

        return AttributeValueKind.Bare;
    }
}
