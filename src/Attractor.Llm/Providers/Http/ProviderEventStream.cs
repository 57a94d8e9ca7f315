// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace Attractor.Llm;

/// <summary>
/// An open provider stream. <see cref="ReadAsync{T}"/> parses its Server-Sent Events, failing with
/// <see cref="RequestTimeoutException"/> when the provider is silent longer than <see cref="AdapterTimeout.StreamRead"/>
/// and with <see cref="StreamException"/> when the connection breaks.
/// </summary>
public sealed class ProviderEventStream : IAsyncDisposable, IDisposable
{
    private readonly ProviderHttpTransport transport;
    private readonly HttpResponseMessage response;
    private readonly Stream stream;

    internal ProviderEventStream(ProviderHttpTransport transport, HttpResponseMessage response, Stream stream, RateLimitInfo? rateLimit)
    {
        this.transport = transport;
        this.response = response;
        this.stream = stream;
        RateLimit = rateLimit;
    }

    /// <summary>Gets the rate-limit headers of the response, when present.</summary>
    public RateLimitInfo? RateLimit { get; }

    /// <summary>Reads the events, letting <paramref name="parser"/> turn each one's UTF-8 data into a value without copying it.</summary>
    /// <typeparam name="T">The parsed event type.</typeparam>
    /// <param name="parser">Parses one event's data, given its event type.</param>
    /// <param name="cancellationToken">Cancels reading (and closes the connection when the stream is disposed).</param>
    /// <returns>The events in order.</returns>
    public async IAsyncEnumerable<SseItem<T>> ReadAsync<T>(SseItemParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = SseParser.Create(stream, parser).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                idle.CancelAfter(transport.Timeout.StreamRead);
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new RequestTimeoutException($"{transport.Provider} sent nothing for {transport.Timeout.StreamRead.TotalSeconds:0.###} s; the stream was abandoned.", ex) { Provider = transport.Provider };
                }
                catch (Exception ex) when (ProviderHttpTransport.IsNetworkFailure(ex))
                {
                    throw new StreamException($"The {transport.Provider} stream broke: {transport.Redactor.Redact(ex.Message)}", ex);
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        response.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        stream.Dispose();
        response.Dispose();
    }
}
