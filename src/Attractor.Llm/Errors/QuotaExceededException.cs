// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The billing or usage quota is exhausted. Never retried.</summary>
public sealed class QuotaExceededException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public QuotaExceededException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: false, innerException)
    {
    }
}
