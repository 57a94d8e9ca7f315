// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The provider does not support the requested tool choice mode.</summary>
public sealed class UnsupportedToolChoiceException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public UnsupportedToolChoiceException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public UnsupportedToolChoiceException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public UnsupportedToolChoiceException(string message)
        : base(message)
    {
    }

    /// <inheritdoc/>
    public override bool Retryable => false;
}
