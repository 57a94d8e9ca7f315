// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace Attractor.Llm;

/// <summary>
/// The OpenAI adapter, speaking the native Responses API (<c>POST {BaseUrl}/responses</c>): reasoning tokens,
/// reasoning effort, built-in tools and server-side state through <c>provider_options.openai</c>. Safe for
/// concurrent use; never retries.
/// </summary>
public sealed class OpenAIAdapter : IProviderAdapter, IDisposable
{
    /// <summary>The provider name requests route by and <c>provider_options</c> are keyed by.</summary>
    public const string ProviderName = "openai";

    private readonly ProviderHttpTransport transport;
    private readonly Uri endpoint;
    private readonly string apiKey;
    private readonly KeyValuePair<string, string>[] headers;

    /// <summary>Initializes the adapter.</summary>
    /// <param name="options">The key, endpoint and HTTP settings.</param>
    /// <exception cref="ArgumentException">The key or the base URL is missing or invalid.</exception>
    public OpenAIAdapter(OpenAIAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, nameof(options));
        apiKey = options.ApiKey;
        endpoint = OpenAIWire.Endpoint(options.BaseUrl, "responses");
        var list = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(options.Organization))
        {
            list.Add(new("OpenAI-Organization", options.Organization));
        }

        if (!string.IsNullOrEmpty(options.Project))
        {
            list.Add(new("OpenAI-Project", options.Project));
        }

        list.AddRange(options.DefaultHeaders ?? new Dictionary<string, string>());
        headers = [.. list];
        transport = new ProviderHttpTransport(ProviderName, options.HttpClient, options.Timeout, [options.ApiKey], options.TimeProvider);
    }

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <summary>
    /// Creates the adapter from environment variables: <c>OPENAI_API_KEY</c> (required), <c>OPENAI_BASE_URL</c>,
    /// <c>OPENAI_ORG_ID</c>, <c>OPENAI_PROJECT_ID</c>.
    /// </summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The adapter, or null when <c>OPENAI_API_KEY</c> is absent or empty.</returns>
    public static OpenAIAdapter? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var key = environment("OPENAI_API_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var baseUrl = environment("OPENAI_BASE_URL");
        return new OpenAIAdapter(new OpenAIAdapterOptions
        {
            ApiKey = key,
            BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? OpenAIAdapterOptions.DefaultBaseUrl : baseUrl,
            Organization = NullIfEmpty(environment("OPENAI_ORG_ID")),
            Project = NullIfEmpty(environment("OPENAI_PROJECT_ID")),
        });
    }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var body = await ResponsesRequestBuilder.BuildAsync(request, ProviderName, stream: false, warnings, cancellationToken).ConfigureAwait(false);
        using var message = OpenAIWire.CreatePost(endpoint, body, apiKey, headers, stream: false);
        using var response = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return ResponsesResponseReader.Read(response.Body.RootElement, ProviderName, null, warnings, response.RateLimit);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var body = await ResponsesRequestBuilder.BuildAsync(request, ProviderName, stream: true, warnings, cancellationToken).ConfigureAwait(false);
        using var message = OpenAIWire.CreatePost(endpoint, body, apiKey, headers, stream: true);
        var stream = await transport.OpenStreamAsync(message, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var decoder = new ResponsesStreamDecoder(ProviderName, transport.Redactor, warnings, stream.RateLimit);
            await foreach (var item in OpenAIStreaming.ReadAsync<ResponsesStreamChunk>(stream, ResponsesStreamDecoder.Parse, decoder, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => transport.Dispose();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
