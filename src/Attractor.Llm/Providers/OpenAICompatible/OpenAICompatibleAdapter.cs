// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace Attractor.Llm;

/// <summary>
/// An adapter for third-party OpenAI-compatible servers (vLLM, Ollama, Together, Groq, ...) on the Chat Completions
/// API (<c>POST {BaseUrl}/chat/completions</c>). Use <see cref="OpenAIAdapter"/> for OpenAI itself: Chat Completions
/// lacks reasoning-token reporting and built-in tools. Safe for concurrent use; never retries.
/// </summary>
public sealed class OpenAICompatibleAdapter : IProviderAdapter, IDisposable
{
    /// <summary>The default provider name.</summary>
    public const string DefaultName = "openai-compatible";

    private readonly ProviderHttpTransport transport;
    private readonly Uri endpoint;
    private readonly string? apiKey;
    private readonly KeyValuePair<string, string>[] headers;
    private readonly bool includeStreamUsage;

    /// <summary>Initializes the adapter.</summary>
    /// <param name="options">The endpoint, optional key, name and HTTP settings.</param>
    /// <exception cref="ArgumentException">The base URL or the name is missing.</exception>
    public OpenAICompatibleAdapter(OpenAICompatibleAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Name, nameof(options));
        Name = options.Name;
        apiKey = options.ApiKey;
        endpoint = OpenAIWire.Endpoint(options.BaseUrl, "chat/completions");
        headers = [.. options.DefaultHeaders ?? new Dictionary<string, string>()];
        includeStreamUsage = options.IncludeStreamUsage;
        transport = new ProviderHttpTransport(Name, options.HttpClient, options.Timeout, [options.ApiKey], options.TimeProvider);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var body = await ChatCompletionsRequestBuilder.BuildAsync(request, Name, stream: false, includeStreamUsage, warnings, cancellationToken).ConfigureAwait(false);
        using var message = OpenAIWire.CreatePost(endpoint, body, apiKey, headers, stream: false);
        using var response = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return ChatCompletionsResponseReader.Read(response.Body.RootElement, Name, warnings, response.RateLimit);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var body = await ChatCompletionsRequestBuilder.BuildAsync(request, Name, stream: true, includeStreamUsage, warnings, cancellationToken).ConfigureAwait(false);
        using var message = OpenAIWire.CreatePost(endpoint, body, apiKey, headers, stream: true);
        var stream = await transport.OpenStreamAsync(message, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var decoder = new ChatCompletionsStreamDecoder(Name, transport.Redactor, warnings, stream.RateLimit);
            await foreach (var item in OpenAIStreaming.ReadAsync<ChatCompletionsChunk>(stream, ChatCompletionsChunk.Parse, decoder, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => transport.Dispose();
}
