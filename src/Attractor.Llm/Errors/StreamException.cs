// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>A stream broke after it started (cut connection, malformed event). Retried only if no data was delivered yet.</summary>
public sealed class StreamException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public StreamException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public StreamException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public StreamException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool Retryable => true;
}
