// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>
/// Thrown by <see cref="Attractor.Pipelines.Backends.ICodergenBackend.RunAsync"/> when an attempt failed; carries the
/// classified <see cref="BackendError"/>. <see cref="BackendRetryRule"/> lets the engine retry only retryable ones.
/// </summary>
public sealed class BackendException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BackendException"/> class.</summary>
    /// <param name="error">The classified error.</param>
    public BackendException(BackendError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Describe())
    {
        Error = error;
    }

    /// <summary>Initializes a new instance of the <see cref="BackendException"/> class with an unknown error.</summary>
    public BackendException()
        : this(BackendError.Unknown("The backend failed."))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BackendException"/> class with an unknown error.</summary>
    /// <param name="message">The message.</param>
    public BackendException(string message)
        : this(BackendError.Unknown(message))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BackendException"/> class with an unknown error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BackendException(string message, Exception innerException)
        : base(BackendError.Unknown(message).Describe(), innerException)
    {
        Error = BackendError.Unknown(message);
    }

    /// <summary>Gets the classified error.</summary>
    public BackendError Error { get; }
}
