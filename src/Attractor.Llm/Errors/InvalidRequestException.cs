// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>400 or 422: the request is malformed or has invalid parameters. Never retried.</summary>
public sealed class InvalidRequestException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public InvalidRequestException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: false, innerException)
    {
    }
}
