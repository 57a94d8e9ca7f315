// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Gemini-specific refinements of the transport's error mapping.</summary>
internal static class GeminiErrors
{
    /// <summary>
    /// Refines an error: Gemini says how long to wait in the body (<c>google.rpc.RetryInfo.retryDelay</c>, e.g.
    /// <c>"37s"</c>) rather than a <c>Retry-After</c> header, and its per-minute limits read "You exceeded your current
    /// quota", which the generic mapping takes for an exhausted (non-retryable) quota. A 429 that carries a retry
    /// delay is a retryable <see cref="RateLimitException"/> with that delay.
    /// </summary>
    /// <param name="error">The error from the transport.</param>
    /// <returns>The refined error, or <paramref name="error"/> itself.</returns>
    public static LlmException Refine(LlmException error)
    {
        if (error is not (RateLimitException or QuotaExceededException) || error is not ProviderException provider
            || RetryDelay(provider.Raw) is not { } delay)
        {
            return error;
        }

        var details = new ProviderErrorDetails(provider.Provider, provider.Message)
        {
            StatusCode = provider.StatusCode,
            ErrorCode = provider.ErrorCode,
            RetryAfter = provider.RetryAfter ?? delay,
            Raw = provider.Raw,
        };
        return new RateLimitException(details, provider.InnerException);
    }

    /// <summary>Creates the error for an <c>{"error": {...}}</c> object sent inside a stream.</summary>
    /// <param name="text">The chunk's JSON, secrets already redacted.</param>
    /// <returns>The error.</returns>
    public static LlmException FromStreamChunk(string text)
    {
        int? status = null;
        using (var document = JsonDocument.Parse(text))
        {
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number))
            {
                status = number;
            }
        }

        var (details, grpc) = ProviderErrors.ParseBody(GeminiAdapter.ProviderName, status, text);
        var mapped = status is not null ? ProviderErrors.FromStatus(details)
            : grpc is not null ? ProviderErrors.FromGrpcStatus(details, grpc)
            : new ServerException(details);
        return Refine(mapped);
    }

    private static TimeSpan? RetryDelay(JsonElement? raw)
    {
        if (raw is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("error", out var error)
            || error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && detail.TryGetProperty("@type", out var type) && type.GetString()?.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal) == true
                && detail.TryGetProperty("retryDelay", out var delay) && delay.ValueKind == JsonValueKind.String)
            {
                // A protobuf Duration in JSON: seconds with an "s" suffix, fractions allowed ("1.5s").
                var text = delay.GetString()!;
                if (text.EndsWith('s') && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return null;
    }
}
