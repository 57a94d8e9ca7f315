// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>429: the rate limit is exceeded. Retried, honouring <c>Retry-After</c>.</summary>
public sealed class RateLimitException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public RateLimitException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: true, innerException)
    {
    }
}
