// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The rest of a non-streaming middleware chain (the next middleware, or the provider adapter).</summary>
/// <param name="request">The request to pass on.</param>
/// <param name="cancellationToken">Cancels the call.</param>
/// <returns>The response.</returns>
public delegate Task<Response> CompleteNext(Request request, CancellationToken cancellationToken);
