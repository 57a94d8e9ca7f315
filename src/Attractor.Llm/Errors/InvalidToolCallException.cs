// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>A tool call's arguments are not valid JSON or do not match the tool's schema.</summary>
public sealed class InvalidToolCallException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public InvalidToolCallException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public InvalidToolCallException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidToolCallException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool Retryable => false;
}
