// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// What the Responses adapter and the Chat Completions adapter share: the HTTP request shape (bearer auth, JSON
/// body), media as URLs or data URIs, tool results as text, usage and error events.
/// </summary>
internal static class OpenAIWire
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    /// <summary>Creates a POST with a JSON body and the OpenAI-style headers.</summary>
    public static HttpRequestMessage CreatePost(Uri url, JsonObject body, string? apiKey, IEnumerable<KeyValuePair<string, string>> headers, bool stream)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, OpenAIJsonContext.Default.JsonObject));
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (stream)
        {
            message.Headers.Accept.Add(EventStream);
        }

        return message;
    }

    /// <summary>Joins a base URL and a path without losing the base's own path (<c>/v1</c>).</summary>
    public static Uri Endpoint(string baseUrl, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        return new Uri(baseUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    /// <summary>Gets an image as the URL OpenAI accepts: web URLs as they are, bytes and local files as data URIs.</summary>
    public static async ValueTask<string> ImageUrlAsync(ImageData image, CancellationToken cancellationToken)
    {
        if (image.Url is { } url)
        {
            if (!LocalMedia.IsLocalPath(url))
            {
                return url;
            }

            var (data, mediaType) = await LocalMedia.ReadAsync(url, image.MediaType, cancellationToken).ConfigureAwait(false);
            return DataUri(mediaType, data);
        }

        return DataUri(image.MediaType ?? "image/png", image.Data!.Value.Span);
    }

    /// <summary>Creates a <c>data:</c> URI.</summary>
    public static string DataUri(string mediaType, ReadOnlySpan<byte> data) =>
        string.Concat("data:", mediaType, ";base64,", Convert.ToBase64String(data));

    /// <summary>
    /// Gets a tool result as the text OpenAI's <c>output</c>/<c>content</c> fields take. A failed tool's output is
    /// prefixed with <c>Error: </c> because neither API has an error flag and the model must see the failure.
    /// </summary>
    public static string ToolResultText(ToolResultData result) =>
        result.IsError ? "Error: " + result.ContentText : result.ContentText;

    /// <summary>Reads a usage object given the field names of the API.</summary>
    public static Usage ReadUsage(JsonElement usage, string input, string output, string inputDetails, string outputDetails)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return Usage.Empty;
        }

        var inputTokens = Int(usage, input) ?? 0;
        var outputTokens = Int(usage, output) ?? 0;
        return new Usage
        {
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            TotalTokens = Int(usage, "total_tokens") ?? inputTokens + outputTokens,
            ReasoningTokens = usage.TryGetProperty(outputDetails, out var o) && o.ValueKind == JsonValueKind.Object ? Int(o, "reasoning_tokens") : null,
            CacheReadTokens = usage.TryGetProperty(inputDetails, out var i) && i.ValueKind == JsonValueKind.Object ? Int(i, "cached_tokens") : null,
            Raw = usage.Clone(),
        };
    }

    /// <summary>
    /// Creates the error for an error reported inside a stream or a failed response (<c>{"code", "message"}</c>):
    /// the code picks the class where it is telling, else the message is classified, else it is a retryable provider error.
    /// </summary>
    public static LlmException StreamError(string provider, SecretRedactor redactor, JsonElement error)
    {
        var code = String(error, "code") ?? String(error, "type");
        var message = redactor.Redact(String(error, "message") ?? "(no message)");
        JsonElement? raw = null;
        if (error.ValueKind == JsonValueKind.Object)
        {
            using var document = JsonDocument.Parse(redactor.Redact(error.GetRawText()));
            raw = document.RootElement.Clone();
        }

        var details = new ProviderErrorDetails(provider, $"{provider} reported an error in the stream: {message}") { ErrorCode = code, Raw = raw };
        return code switch
        {
            "rate_limit_exceeded" or "rate_limit_error" => new RateLimitException(details),
            "insufficient_quota" => new QuotaExceededException(details),
            "server_error" or "internal_error" or "server_is_overloaded" or "overloaded" => new ServerException(details),
            "context_length_exceeded" => new ContextLengthException(details),
            "invalid_api_key" => new AuthenticationException(details),
            "invalid_prompt" or "invalid_request_error" or "invalid_image" or "invalid_image_format" or "invalid_base64_image" or "image_too_large"
                => ProviderErrors.ClassifyMessage(details) ?? new InvalidRequestException(details),
            _ => ProviderErrors.ClassifyMessage(details) ?? new ProviderException(details, retryable: true),
        };
    }

    /// <summary>Creates the error for content this API cannot carry (rejected before sending, never retried).</summary>
    public static InvalidRequestException Unsupported(string provider, string what) =>
        new(new ProviderErrorDetails(provider, $"{provider} cannot send {what}."));

    /// <summary>Reads an optional string property.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads an optional integer property.</summary>
    public static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>Converts a JSON element to a node (a copy, so the request never shares state with the body).</summary>
    public static JsonNode? Node(JsonElement element) => JsonNode.Parse(element.GetRawText());

    /// <summary>Builds a <c>metadata</c> object.</summary>
    public static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var result = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            result[key] = value;
        }

        return result;
    }
}
