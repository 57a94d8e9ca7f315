// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>413, or input plus output exceed the context window. Never retried.</summary>
public sealed class ContextLengthException : ProviderException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ContextLengthException(ProviderErrorDetails details, Exception? innerException = null)
        : base(details, retryable: false, innerException)
    {
    }
}
