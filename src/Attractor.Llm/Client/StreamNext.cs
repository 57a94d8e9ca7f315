// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The rest of a streaming middleware chain (the next middleware, or the provider adapter).</summary>
/// <param name="request">The request to pass on.</param>
/// <param name="cancellationToken">Cancels the stream.</param>
/// <returns>The events.</returns>
public delegate IAsyncEnumerable<StreamEvent> StreamNext(Request request, CancellationToken cancellationToken);
