// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Http.Headers;

namespace Attractor.Llm.Benchmarks;

/// <summary>Answers every request with the same SSE bytes from memory: decoding cost without sockets or a server.</summary>
/// <param name="body">The stream bytes.</param>
public sealed class InMemoryStreamHandler(byte[] body) : HttpMessageHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var content = new StreamContent(new MemoryStream(body, writable: false));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
