// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The client is misconfigured (no provider for a request, missing API key, bad option value).</summary>
public sealed class ConfigurationException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public ConfigurationException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public ConfigurationException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool Retryable => false;
}
