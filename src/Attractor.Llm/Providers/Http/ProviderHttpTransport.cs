// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// The HTTP side every adapter shares: time limits (<see cref="AdapterTimeout"/>), error responses mapped to the
/// error hierarchy, network failures to <see cref="NetworkException"/>, secrets redacted from all of it, and
/// streams opened for SSE reading. Safe for concurrent use.
/// </summary>
public sealed class ProviderHttpTransport : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly TimeProvider time;

    /// <summary>Initializes a transport.</summary>
    /// <param name="provider">The provider name used in errors.</param>
    /// <param name="httpClient">The client to send with; null creates one with <paramref name="timeout"/>'s connect limit.</param>
    /// <param name="timeout">The time limits; null uses <see cref="AdapterTimeout.Default"/>.</param>
    /// <param name="secrets">Values never to reveal (API keys).</param>
    /// <param name="timeProvider">The clock, for <c>Retry-After</c> dates and rate-limit resets.</param>
    public ProviderHttpTransport(string provider, HttpClient? httpClient, AdapterTimeout? timeout, IEnumerable<string?> secrets, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        Provider = provider;
        Timeout = timeout ?? AdapterTimeout.Default;
        Redactor = new SecretRedactor(secrets);
        time = timeProvider ?? TimeProvider.System;
        if (httpClient is null)
        {
            // Request limits are enforced per call (so streams can outlive them); the handler enforces connecting.
            http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = Timeout.Connect, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            ownsHttp = true;
        }
        else
        {
            http = httpClient;
        }
    }

    /// <summary>Gets the provider name.</summary>
    public string Provider { get; }

    /// <summary>Gets the time limits.</summary>
    public AdapterTimeout Timeout { get; }

    /// <summary>Gets the redactor for this provider's secrets.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Sends a request and reads the whole JSON body, within <see cref="AdapterTimeout.Request"/>.</summary>
    /// <param name="request">The request (disposed by the caller).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The parsed body and rate-limit headers; dispose it.</returns>
    /// <exception cref="LlmException">An error status, a network failure, a timeout or a body that is not JSON.</exception>
    public async Task<ProviderHttpResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout.Request);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw CreateError(response, body);
            }

            try
            {
                var document = JsonDocument.Parse(body);
                return new ProviderHttpResponse(document, RateLimitHeaders.Parse(response.Headers, time.GetUtcNow()), (int)response.StatusCode);
            }
            catch (JsonException ex)
            {
                throw new NetworkException($"{Provider} answered HTTP {(int)response.StatusCode} with a body that is not valid JSON ({body.Length} bytes).", ex);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException($"{Provider} did not answer within {Timeout.Request.TotalSeconds:0.###} s.", ex) { Provider = Provider };
        }
        catch (Exception ex) when (IsNetworkFailure(ex))
        {
            throw new NetworkException($"Could not reach {Provider}: {Redactor.Redact(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// Sends a streaming request and returns once the response headers arrived (within <see cref="AdapterTimeout.Request"/>);
    /// an error status is read and thrown here, before any event.
    /// </summary>
    /// <param name="request">The request (disposed by the caller).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The open stream; dispose it.</returns>
    /// <exception cref="LlmException">An error status, a network failure or a timeout.</exception>
    public async Task<ProviderEventStream> OpenStreamAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage? response = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout.Request);
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
                throw CreateError(response, body);
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            var result = new ProviderEventStream(this, response, stream, RateLimitHeaders.Parse(response.Headers, time.GetUtcNow()));
            response = null;
            return result;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestTimeoutException($"{Provider} did not start the stream within {Timeout.Request.TotalSeconds:0.###} s.", ex) { Provider = Provider };
        }
        catch (Exception ex) when (IsNetworkFailure(ex))
        {
            throw new NetworkException($"Could not reach {Provider}: {Redactor.Redact(ex.Message)}", ex);
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Creates the error for a failed response from its status, headers and body.</summary>
    /// <param name="response">The response.</param>
    /// <param name="body">Its body.</param>
    /// <returns>The error to throw.</returns>
    public LlmException CreateError(HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);
        var text = Redactor.Redact(Encoding.UTF8.GetString(body));
        var (details, grpc) = ProviderErrors.ParseBody(Provider, (int)response.StatusCode, text);
        details = details with { RetryAfter = ProviderErrors.ParseRetryAfter(response.Headers, time.GetUtcNow()) };
        var error = ProviderErrors.FromStatus(details);

        // A status the table leaves open (other 4xx) is refined by a gRPC status when the body names one.
        return grpc is not null && error.GetType() == typeof(ProviderException) ? ProviderErrors.FromGrpcStatus(details, grpc) : error;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    internal static bool IsNetworkFailure(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException;
}
