// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The provider's safety filter blocked the request or response. Never retried.</summary>
public sealed class ContentFilterException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ContentFilterException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: false, innerException)
    {
    }
}
