// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>A middleware that passes both call modes through unchanged; override what you need.</summary>
public abstract class LlmMiddleware : ILlmMiddleware
{
    /// <inheritdoc/>
    public virtual Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next(request, cancellationToken);
    }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next(request, cancellationToken);
    }
}
