// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Backends;

/// <summary>
/// A backend failure: its <see cref="BackendErrorCategory"/>, whether the engine may retry it, and a message
/// without secrets. The factories apply issue 7's map, so every backend classifies the same way.
/// </summary>
/// <param name="Category">The category.</param>
/// <param name="Message">What went wrong, for people (never contains credentials).</param>
/// <param name="Retryable">Whether the engine's node retry policy may retry the attempt.</param>
public sealed record BackendError(BackendErrorCategory Category, string Message, bool Retryable)
{
    /// <summary>Gets the provider's HTTP status, when the failure came from one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Creates the error for a provider's HTTP status: 401/403 auth (not retried), 408 timeout (retried), 409/425/429/5xx provider (retried), other 4xx provider (not retried).</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError FromStatus(int statusCode, string message)
    {
        var (category, retryable) = statusCode switch
        {
            401 or 403 => (BackendErrorCategory.Auth, false),
            408 => (BackendErrorCategory.Timeout, true),
            409 or 425 or 429 => (BackendErrorCategory.Provider, true),
            >= 500 and <= 599 => (BackendErrorCategory.Provider, true),
            _ => (BackendErrorCategory.Provider, false),
        };
        return new BackendError(category, message, retryable) { StatusCode = statusCode };
    }

    /// <summary>Creates a configuration error (not retried).</summary>
    /// <param name="message">The message; say what to install or change.</param>
    /// <returns>The error.</returns>
    public static BackendError Config(string message) => new(BackendErrorCategory.Config, message, Retryable: false);

    /// <summary>Creates a transport error (retried).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError Transport(string message) => new(BackendErrorCategory.Transport, message, Retryable: true);

    /// <summary>Creates a timeout error (retried).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError Timeout(string message) => new(BackendErrorCategory.Timeout, message, Retryable: true);

    /// <summary>Creates an authentication error without a known status (not retried).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError Auth(string message) => new(BackendErrorCategory.Auth, message, Retryable: false);

    /// <summary>Creates a cancellation error (not retried).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError Canceled(string message) => new(BackendErrorCategory.Canceled, message, Retryable: false);

    /// <summary>Creates an error of unknown cause (not retried).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The error.</returns>
    public static BackendError Unknown(string message) => new(BackendErrorCategory.Unknown, message, Retryable: false);

    /// <summary>Gets the error as one line: category, status and message.</summary>
    /// <returns>The text.</returns>
    public string Describe()
    {
        var status = StatusCode is { } code ? " " + code.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return "[" + CategoryName(Category) + status + (Retryable ? ", retryable" : string.Empty) + "] " + Message;
    }

    /// <summary>Gets the wire name of a category (<c>config</c>, <c>auth</c>, ...).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The lower-case name.</returns>
    public static string CategoryName(BackendErrorCategory category) => category switch
    {
        BackendErrorCategory.Config => "config",
        BackendErrorCategory.Auth => "auth",
        BackendErrorCategory.Timeout => "timeout",
        BackendErrorCategory.Provider => "provider",
        BackendErrorCategory.Transport => "transport",
        BackendErrorCategory.Canceled => "canceled",
        _ => "unknown",
    };
}
