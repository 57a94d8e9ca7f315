// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The connection failed, was reset or returned unreadable data before any output. Retried.</summary>
public sealed class NetworkException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public NetworkException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public NetworkException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public NetworkException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool Retryable => true;
}
