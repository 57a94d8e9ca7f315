// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>404: unknown model or endpoint. Never retried.</summary>
public sealed class NotFoundException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public NotFoundException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: false, innerException)
    {
    }
}
