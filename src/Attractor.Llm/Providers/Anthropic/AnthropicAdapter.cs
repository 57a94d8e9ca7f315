// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// The Anthropic provider: the native Messages API (<c>POST {base}/messages</c>) with extended thinking, prompt
/// caching (automatic <c>cache_control</c> breakpoints), beta headers and streaming. Safe for concurrent use; never
/// retries. See <c>docs/llm/anthropic.md</c> for options, the caching heuristic and the provider's quirks.
/// </summary>
public sealed class AnthropicAdapter : IProviderAdapter, IDisposable
{
    private static readonly SseItemParser<AnthropicSseEvent> Parser = AnthropicSseEvent.Parse;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly AnthropicAdapterOptions options;
    private readonly ProviderHttpTransport transport;
    private readonly Uri endpoint;
    private readonly string? defaultBeta;

    /// <summary>Initializes an adapter.</summary>
    /// <param name="options">The key, base URL, version, headers, time limits and caching default.</param>
    /// <exception cref="ConfigurationException">The key is empty or the base URL is not an absolute URL.</exception>
    public AnthropicAdapter(AnthropicAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ConfigurationException("The Anthropic adapter needs an API key (ANTHROPIC_API_KEY).");
        }

        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/messages", UriKind.Absolute, out var messages))
        {
            throw new ConfigurationException($"The Anthropic base URL '{options.BaseUrl}' is not an absolute URL.");
        }

        this.options = options;
        endpoint = messages;
        transport = new ProviderHttpTransport(Name, options.HttpClient, options.Timeout, [options.ApiKey], options.TimeProvider);
        defaultBeta = options.DefaultHeaders?.FirstOrDefault(h => string.Equals(h.Key, "anthropic-beta", StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <inheritdoc/>
    public string Name => "anthropic";

    /// <summary>
    /// Creates an adapter from environment variables: <c>ANTHROPIC_API_KEY</c> (required) and
    /// <c>ANTHROPIC_BASE_URL</c> (optional).
    /// </summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The adapter, or null when no key is set.</returns>
    public static AnthropicAdapter? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var key = environment("ANTHROPIC_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var baseUrl = environment("ANTHROPIC_BASE_URL");
        return new AnthropicAdapter(new AnthropicAdapterOptions
        {
            ApiKey = key,
            BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? AnthropicAdapterOptions.DefaultBaseUrl : baseUrl,
        });
    }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = await AnthropicRequestTranslator.TranslateAsync(request, options.AutoCache, stream: false, cancellationToken).ConfigureAwait(false);
        using var message = CreateHttpRequest(wire);
        using var response = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return AnthropicResponseTranslator.Translate(response.Body.RootElement, response.RateLimit, wire.Warnings);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = await AnthropicRequestTranslator.TranslateAsync(request, options.AutoCache, stream: true, cancellationToken).ConfigureAwait(false);
        using var message = CreateHttpRequest(wire);
        var stream = await transport.OpenStreamAsync(message, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var decoder = new AnthropicStreamDecoder(wire.Warnings, stream.RateLimit, transport.Redactor);
            var output = new List<StreamEvent>(4);
            var items = stream.ReadAsync(Parser, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (items.ConfigureAwait(false))
            {
                while (true)
                {
                    LlmException? broken = null;
                    var more = false;
                    try
                    {
                        more = await items.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (LlmException ex)
                    {
                        // A cut connection or a silent provider: consumers see it as an error event too, like a provider error.
                        broken = ex;
                    }

                    if (broken is not null)
                    {
                        yield return new StreamEvent(StreamEventType.Error) { Error = broken };
                        ExceptionDispatchInfo.Throw(broken);
                    }

                    if (!more)
                    {
                        break;
                    }

                    decoder.Process(items.Current.Data, output);
                    foreach (var streamEvent in output)
                    {
                        yield return streamEvent;
                    }

                    output.Clear();
                    if (decoder.Error is { } error)
                    {
                        throw error;
                    }

                    if (decoder.Finished)
                    {
                        yield break;
                    }
                }
            }

            var incomplete = new StreamException("The anthropic stream ended before message_stop: the response is incomplete.");
            yield return new StreamEvent(StreamEventType.Error) { Error = incomplete };
            throw incomplete;
        }
    }

    /// <summary>Anthropic supports every mode: <c>auto</c>, <c>any</c>, <c>tool</c>, and <c>none</c> by omitting the tools.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>Always true.</returns>
    public bool SupportsToolChoice(ToolChoiceMode mode) => true;

    /// <inheritdoc/>
    public void Dispose() => transport.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"AnthropicAdapter {{ BaseUrl = {options.BaseUrl} }}";

    private HttpRequestMessage CreateHttpRequest(AnthropicWireRequest wire)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            wire.Body.WriteTo(writer);
        }

        var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        content.Headers.ContentType = JsonContentType;
        var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        if (options.DefaultHeaders is { } defaults)
        {
            foreach (var (name, value) in defaults)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        Set(message.Headers, "x-api-key", options.ApiKey);
        Set(message.Headers, "anthropic-version", options.ApiVersion);
        var beta = (defaultBeta, wire.BetaHeader) switch
        {
            (null, var request) => request,
            (var configured, null) => configured,
            var (configured, request) => configured + "," + request,
        };
        if (beta is not null)
        {
            Set(message.Headers, "anthropic-beta", beta);
        }

        message.Headers.Accept.ParseAdd(wire.Body.ContainsKey("stream") ? "text/event-stream" : "application/json");
        return message;
    }

    private static void Set(HttpRequestHeaders headers, string name, string value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
