// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>5xx: the provider failed internally. Retried.</summary>
public sealed class ServerException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ServerException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: true, innerException)
    {
    }
}
