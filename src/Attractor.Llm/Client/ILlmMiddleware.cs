// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Wraps provider calls for cross-cutting concerns (logging, caching, budgets, rate limiting). Middleware runs in
/// registration order on the way in and in reverse order on the way out; both call modes pass through it.
/// Derive from <see cref="LlmMiddleware"/> to override only one mode.
/// </summary>
public interface ILlmMiddleware
{
    /// <summary>Handles a non-streaming call.</summary>
    /// <param name="request">The request.</param>
    /// <param name="next">The rest of the chain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken);

    /// <summary>Handles a streaming call; may observe or transform each event.</summary>
    /// <param name="request">The request.</param>
    /// <param name="next">The rest of the chain.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, CancellationToken cancellationToken);
}
