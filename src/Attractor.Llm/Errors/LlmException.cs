// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// The base of every error this library raises. Cancellation is the exception: it surfaces as
/// <see cref="OperationCanceledException"/>, as everywhere in .NET.
/// </summary>
public class LlmException : Exception
{
    /// <summary>Initializes an error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public LlmException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an error without a message.</summary>
    public LlmException()
    {
    }

    /// <summary>Initializes an error.</summary>
    /// <param name="message">What went wrong.</param>
    public LlmException(string message)
        : base(message)
    {
    }

    /// <summary>Gets whether retrying the same call may succeed. Errors of unknown cause are retryable.</summary>
    public virtual bool Retryable => true;
}
