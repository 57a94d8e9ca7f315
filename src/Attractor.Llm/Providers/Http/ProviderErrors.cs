// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Maps provider failures (HTTP status, gRPC status, message text) onto the error hierarchy.</summary>
public static class ProviderErrors
{
    /// <summary>
    /// Creates the error for an HTTP status. 408, 409, 425, 429 and 5xx are retryable; 400, 401, 403, 404, 413, 422
    /// and every other 4xx are not; an ambiguous status is refined by the message (see <see cref="ClassifyMessage"/>).
    /// </summary>
    /// <param name="details">What the provider said, with <see cref="ProviderErrorDetails.StatusCode"/> set.</param>
    /// <returns>The error to throw.</returns>
    public static LlmException FromStatus(ProviderErrorDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var status = details.StatusCode ?? 0;
        return status switch
        {
            400 => ClassifyMessage(details) ?? new InvalidRequestException(details),
            401 => new AuthenticationException(details),
            403 => new AccessDeniedException(details),
            404 => new NotFoundException(details),
            408 => new RequestTimeoutException(details.Message) { Provider = details.Provider, StatusCode = 408 },
            413 => new ContextLengthException(details),
            422 => ClassifyMessage(details) ?? new InvalidRequestException(details),
            429 => IsQuota(details) ? new QuotaExceededException(details) : new RateLimitException(details),
            409 or 425 => new ProviderException(details, retryable: true),
            >= 500 and <= 599 => new ServerException(details),
            >= 400 and <= 499 => ClassifyMessage(details) ?? new ProviderException(details, retryable: false),
            _ => ClassifyMessage(details) ?? new ProviderException(details, retryable: true),
        };
    }

    /// <summary>Creates the error for a gRPC status name (Gemini reports them in <c>error.status</c>).</summary>
    /// <param name="details">What the provider said.</param>
    /// <param name="grpcStatus">The status, e.g. <c>RESOURCE_EXHAUSTED</c>.</param>
    /// <returns>The error to throw.</returns>
    public static LlmException FromGrpcStatus(ProviderErrorDetails details, string grpcStatus)
    {
        ArgumentNullException.ThrowIfNull(details);
        return grpcStatus switch
        {
            "NOT_FOUND" => new NotFoundException(details),
            "INVALID_ARGUMENT" or "FAILED_PRECONDITION" or "OUT_OF_RANGE" => ClassifyMessage(details) ?? new InvalidRequestException(details),
            "UNAUTHENTICATED" => new AuthenticationException(details),
            "PERMISSION_DENIED" => new AccessDeniedException(details),
            "RESOURCE_EXHAUSTED" => IsQuota(details) ? new QuotaExceededException(details) : new RateLimitException(details),
            "UNAVAILABLE" or "INTERNAL" or "UNKNOWN" or "DATA_LOSS" => new ServerException(details),
            "DEADLINE_EXCEEDED" => new RequestTimeoutException(details.Message) { Provider = details.Provider, StatusCode = details.StatusCode },
            "CANCELLED" or "ABORTED" => new ProviderException(details, retryable: true),
            _ => ClassifyMessage(details) ?? new ProviderException(details, retryable: true),
        };
    }

    /// <summary>
    /// Classifies an error by its message when the status alone is not enough: "not found"/"does not exist",
    /// "unauthorized"/"invalid key", "context length"/"too many tokens", "content filter"/"safety".
    /// </summary>
    /// <param name="details">What the provider said.</param>
    /// <returns>The error, or null when the message says nothing recognizable.</returns>
    public static LlmException? ClassifyMessage(ProviderErrorDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var text = details.Message + " " + details.ErrorCode;
        if (Contains(text, "context length") || Contains(text, "context_length") || Contains(text, "too many tokens")
            || Contains(text, "prompt is too long") || Contains(text, "maximum context"))
        {
            return new ContextLengthException(details);
        }

        if (Contains(text, "content filter") || Contains(text, "content_filter") || Contains(text, "safety"))
        {
            return new ContentFilterException(details);
        }

        if (Contains(text, "unauthorized") || Contains(text, "invalid key") || Contains(text, "invalid api key")
            || Contains(text, "invalid x-api-key") || Contains(text, "api key not valid"))
        {
            return new AuthenticationException(details);
        }

        if (Contains(text, "not found") || Contains(text, "does not exist") || Contains(text, "not_found"))
        {
            return new NotFoundException(details);
        }

        return IsQuota(details) ? new QuotaExceededException(details) : null;
    }

    /// <summary>
    /// Reads the delay a provider asked for: <c>retry-after-ms</c> (milliseconds), else <c>Retry-After</c> as
    /// seconds (fractions allowed) or an HTTP date.
    /// </summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="now">The current time, for HTTP dates.</param>
    /// <returns>The delay, or null when absent or unreadable.</returns>
    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (!headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var value = values.FirstOrDefault()?.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }

    /// <summary>
    /// Reads an error body: <c>{"error": {"message", "code" | "type" | "status"}}</c> (OpenAI, Anthropic, Gemini),
    /// also inside a one-element array (Gemini), else the text itself.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="statusCode">The HTTP status, if any.</param>
    /// <param name="body">The body, secrets already redacted.</param>
    /// <returns>The details, and the gRPC status when the body names one.</returns>
    public static (ProviderErrorDetails Details, string? GrpcStatus) ParseBody(string provider, int? statusCode, string body)
    {
        JsonElement? raw = null;
        string? message = null;
        string? code = null;
        string? grpc = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            raw = root.Clone();
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
            if (error.ValueKind == JsonValueKind.Object)
            {
                message = StringProperty(error, "message");
                code = StringProperty(error, "code") ?? StringProperty(error, "type");
                grpc = StringProperty(error, "status");
                code ??= grpc;
            }
            else if (error.ValueKind == JsonValueKind.String)
            {
                message = error.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a plain-text message): the text is the message.
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = string.IsNullOrWhiteSpace(body) ? "(empty body)" : Truncate(body.Trim(), 500);
        }

        var prefix = statusCode is { } s ? $"{provider} returned HTTP {s}: " : $"{provider} reported an error: ";
        return (new ProviderErrorDetails(provider, prefix + message) { StatusCode = statusCode, ErrorCode = code, Raw = raw }, grpc);
    }

    private static bool IsQuota(ProviderErrorDetails details) =>
        Contains(details.ErrorCode ?? string.Empty, "insufficient_quota") || Contains(details.Message, "exceeded your current quota")
        || Contains(details.Message, "quota exceeded") || Contains(details.Message, "billing");

    private static bool Contains(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");
}
