// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// A request, stream read or step exceeded its time limit, or the provider answered 408. Retryable (the spec says
/// otherwise; see docs/spec-decisions.md): a fresh attempt usually succeeds, as the official SDKs assume.
/// </summary>
public sealed class RequestTimeoutException : LlmException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">The underlying exception.</param>
    public RequestTimeoutException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes the error without a message.</summary>
    public RequestTimeoutException()
    {
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What timed out.</param>
    public RequestTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Gets the provider, when the provider reported the timeout.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the HTTP status (408) when the provider reported the timeout.</summary>
    public int? StatusCode { get; init; }
}
