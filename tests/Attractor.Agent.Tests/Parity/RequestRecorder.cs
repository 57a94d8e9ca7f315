// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Llm;

namespace Attractor.Agent.Tests.Parity;

/// <summary>Middleware keeping every unified <see cref="Request"/> the session sends, before an adapter translates it.</summary>
internal sealed class RequestRecorder : LlmMiddleware
{
    private readonly ConcurrentQueue<Request> _requests = new();

    public IReadOnlyList<Request> Requests => [.. _requests];

    public override Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return base.CompleteAsync(request, next, cancellationToken);
    }

    public override IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        return base.StreamAsync(request, next, cancellationToken);
    }
}
