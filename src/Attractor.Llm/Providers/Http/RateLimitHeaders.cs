// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net.Http.Headers;

namespace Attractor.Llm;

/// <summary>
/// Reads rate-limit headers: OpenAI's <c>x-ratelimit-{limit,remaining,reset}-{requests,tokens}</c> (resets as
/// durations like <c>6m0s</c>) and Anthropic's <c>anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}</c>
/// (resets as RFC 3339 times).
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>Parses the headers.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="now">The current time, to turn durations into instants.</param>
    /// <returns>The info, or null when no rate-limit header is present.</returns>
    public static RateLimitInfo? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var info = new RateLimitInfo
        {
            RequestsLimit = Int(headers, "x-ratelimit-limit-requests") ?? Int(headers, "anthropic-ratelimit-requests-limit"),
            RequestsRemaining = Int(headers, "x-ratelimit-remaining-requests") ?? Int(headers, "anthropic-ratelimit-requests-remaining"),
            TokensLimit = Int(headers, "x-ratelimit-limit-tokens") ?? Int(headers, "anthropic-ratelimit-tokens-limit"),
            TokensRemaining = Int(headers, "x-ratelimit-remaining-tokens") ?? Int(headers, "anthropic-ratelimit-tokens-remaining"),
            ResetAt = Reset(headers, "x-ratelimit-reset-requests", now) ?? Reset(headers, "anthropic-ratelimit-requests-reset", now)
                ?? Reset(headers, "x-ratelimit-reset-tokens", now) ?? Reset(headers, "anthropic-ratelimit-tokens-reset", now),
        };
        return info == new RateLimitInfo() ? null : info;
    }

    /// <summary>Parses a Go-style duration (<c>1s</c>, <c>6m0s</c>, <c>20ms</c>, <c>1h2m3.5s</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration, or null when unreadable.</returns>
    public static TimeSpan? ParseDuration(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var span = text.AsSpan().Trim();
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            if (digits == 0 || !double.TryParse(span[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            span = span[digits..];
            var unit = 0;
            while (unit < span.Length && char.IsAsciiLetter(span[unit]))
            {
                unit++;
            }

            TimeSpan? part = span[..unit] switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" or "" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => null,
            };
            if (part is null)
            {
                return null;
            }

            total += part.Value;
            span = span[unit..];
        }

        return total;
    }

    private static int? Int(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? Reset(HttpResponseHeaders headers, string name, DateTimeOffset now)
    {
        if (!headers.TryGetValues(name, out var values) || values.FirstOrDefault() is not { } text)
        {
            return null;
        }

        if (ParseDuration(text) is { } duration)
        {
            return now + duration;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;
    }
}
