// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// The Gemini adapter: speaks the native Gemini API (<c>POST {base}/models/{model}:generateContent</c> and
/// <c>:streamGenerateContent?alt=sse</c>), authenticating with the <c>x-goog-api-key</c> header so the key never
/// appears in a URL. Stateless and safe for concurrent use.
/// </summary>
/// <remarks>
/// Gemini assigns no tool call ids (newer models may; theirs are kept): the adapter makes up <c>call_&lt;guid&gt;</c>
/// ids and, when results come back, finds each call's function name in the request's earlier assistant messages
/// (or the tool message's <see cref="Message.Name"/>). Thought signatures round-trip: on thoughts in
/// <see cref="ThinkingData.Signature"/>, on other parts as a <see cref="ThoughtSignatureKind"/> part that follows the
/// part it belongs to.
/// </remarks>
public sealed class GeminiAdapter : IProviderAdapter, IDisposable
{
    /// <summary>The provider name, <c>gemini</c>.</summary>
    public const string ProviderName = "gemini";

    // Text goes out as UTF-8 rather than \uXXXX escapes: smaller bodies, readable when recorded.
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ProviderHttpTransport transport;
    private readonly string baseUrl;
    private readonly string apiKey;
    private readonly KeyValuePair<string, string>[] defaultHeaders;

    /// <summary>Initializes an adapter.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">The API key is empty.</exception>
    /// <exception cref="ConfigurationException">The base URL is not an absolute URL.</exception>
    public GeminiAdapter(GeminiAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, nameof(options));
        apiKey = options.ApiKey;
        baseUrl = (options.BaseUrl ?? GeminiAdapterOptions.DefaultBaseUrl).TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
        {
            throw new ConfigurationException($"The Gemini base URL '{options.BaseUrl}' is not an absolute URL.");
        }

        defaultHeaders = [.. options.DefaultHeaders ?? new Dictionary<string, string>()];
        transport = new ProviderHttpTransport(ProviderName, options.HttpClient, options.Timeout, [apiKey], options.TimeProvider);
    }

    /// <summary>
    /// Gets the kind of the part that carries a Gemini <c>thoughtSignature</c> of the part before it (a function
    /// call, a text): <see cref="ContentPart.Text"/> is the signature. Keep it in the conversation: Gemini 3 rejects a
    /// function call sent back without its signature. Other providers' adapters skip it.
    /// </summary>
    public static ContentKind ThoughtSignatureKind { get; } = new("gemini_thought_signature");

    /// <summary>
    /// Gets the kind of a Gemini part with no unified equivalent (e.g. <c>executableCode</c>):
    /// <see cref="ContentPart.Text"/> is the part's JSON, sent back unchanged.
    /// </summary>
    public static ContentKind RawPartKind { get; } = new("gemini_part");

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <summary>
    /// Creates an adapter from environment variables: <c>GEMINI_API_KEY</c> (else <c>GOOGLE_API_KEY</c>) and,
    /// optionally, <c>GEMINI_BASE_URL</c>.
    /// </summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The adapter, or null when neither key variable is set.</returns>
    /// <exception cref="ConfigurationException"><c>GEMINI_BASE_URL</c> is not an absolute URL.</exception>
    public static GeminiAdapter? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var key = NonEmpty(environment("GEMINI_API_KEY")) ?? NonEmpty(environment("GOOGLE_API_KEY"));
        if (key is null)
        {
            return null;
        }

        var baseUrl = NonEmpty(environment("GEMINI_BASE_URL")) ?? GeminiAdapterOptions.DefaultBaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out _))
        {
            throw new ConfigurationException($"GEMINI_BASE_URL is not an absolute URL: '{baseUrl}'.");
        }

        return new GeminiAdapter(new GeminiAdapterOptions { ApiKey = key, BaseUrl = baseUrl });
    }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, warnings) = await GeminiRequestTranslator.TranslateAsync(request, cancellationToken).ConfigureAwait(false);
        using var message = CreateHttpRequest(request.Model, stream: false, body);
        ProviderHttpResponse response;
        try
        {
            response = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmException error)
        {
            throw GeminiErrors.Refine(error);
        }

        using (response)
        {
            var root = response.Body.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _))
            {
                throw GeminiErrors.FromStreamChunk(transport.Redactor.Redact(root.GetRawText()));
            }

            return GeminiResponseTranslator.Translate(root, request.Model, warnings, response.RateLimit);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, warnings) = await GeminiRequestTranslator.TranslateAsync(request, cancellationToken).ConfigureAwait(false);
        using var message = CreateHttpRequest(request.Model, stream: true, body);
        var stream = await OpenStreamAsync(message, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var builder = new GeminiResponseBuilder();
            var events = new List<StreamEvent>();
            JsonDocument? last = null;
            string? finishReason = null;
            string? blockReason = null;
            var usage = Usage.Empty;
            var started = false;
            try
            {
                await foreach (var item in stream.ReadAsync(ParseChunk, cancellationToken).ConfigureAwait(false))
                {
                    if (item.Data is not { } chunk)
                    {
                        continue;
                    }

                    last?.Dispose();
                    last = chunk;
                    var root = chunk.RootElement;
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _))
                    {
                        throw GeminiErrors.FromStreamChunk(transport.Redactor.Redact(root.GetRawText()));
                    }

                    if (!started)
                    {
                        started = true;
                        yield return new StreamEvent(StreamEventType.StreamStart) { Warnings = warnings };
                    }

                    events.Clear();
                    ReadChunk(root, builder, events, ref finishReason, ref blockReason, ref usage);
                    foreach (var e in events)
                    {
                        yield return e;
                    }
                }

                if (finishReason is null && blockReason is null)
                {
                    throw new StreamException("The Gemini stream ended before any candidate reported a finishReason; the response is incomplete.");
                }

                if (last!.RootElement.ValueKind == JsonValueKind.Object && last.RootElement.TryGetProperty("usageMetadata", out _))
                {
                    usage = GeminiResponseTranslator.UsageOf(last.RootElement);
                }

                var response = GeminiResponseTranslator.Build(builder, last.RootElement, finishReason, blockReason, usage, request.Model, warnings, stream.RateLimit);
                yield return new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response };
            }
            finally
            {
                last?.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => transport.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"GeminiAdapter {{ BaseUrl = {baseUrl} }}";

    private static void ReadChunk(JsonElement root, GeminiResponseBuilder builder, List<StreamEvent> events, ref string? finishReason, ref string? blockReason, ref Usage usage)
    {
        if (GeminiResponseTranslator.FirstCandidate(root) is { } candidate)
        {
            if (candidate.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
                && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in parts.EnumerateArray())
                {
                    builder.Append(part, events);
                }
            }

            if (GeminiResponseTranslator.FinishReasonOf(candidate) is { } reason)
            {
                finishReason = reason;
                builder.Close(events);
            }
        }

        blockReason ??= GeminiResponseTranslator.BlockReason(root);

        // Every chunk may carry usage; the counts are cumulative, so the last one is the total.
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("usageMetadata", out _))
        {
            usage = GeminiResponseTranslator.UsageOf(root, includeRaw: false);
        }
    }

    // Each event's UTF-8 data is parsed where it lies; a blank data line (keep-alive) yields nothing.
    private static JsonDocument? ParseChunk(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            return JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new StreamException($"Gemini sent a stream chunk that is not valid JSON ({data.Length} bytes).", ex);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task<ProviderEventStream> OpenStreamAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.OpenStreamAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (LlmException error)
        {
            throw GeminiErrors.Refine(error);
        }
    }

    private HttpRequestMessage CreateHttpRequest(string model, bool stream, JsonObject body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);

        // "gemini-2.5-flash" is models/gemini-2.5-flash; a full resource name ("models/...", "tunedModels/...") is used as is.
        var resource = model.Contains('/', StringComparison.Ordinal)
            ? string.Join('/', model.Split('/').Select(Uri.EscapeDataString))
            : "models/" + Uri.EscapeDataString(model);
        var uri = new Uri(baseUrl + "/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, BodyJson)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in defaultHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("x-goog-api-key", apiKey);
        if (stream)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return message;
    }
}
