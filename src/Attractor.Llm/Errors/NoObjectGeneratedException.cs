// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Structured output could not be parsed or did not match the schema. Never retried.</summary>
public sealed class NoObjectGeneratedException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">Why the output was rejected.</param>
    /// <param name="innerException">The underlying exception.</param>
    public NoObjectGeneratedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public NoObjectGeneratedException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">Why the output was rejected.</param>
    public NoObjectGeneratedException(string message)
        : base(message)
    {
    }

    /// <summary>Gets the model's raw text.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the response that held the output.</summary>
    public Response? Response { get; init; }

    /// <inheritdoc/>
    public override bool Retryable => false;
}
