// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Backends;

/// <summary>
/// Sorts the unified LLM client's failures into the backend taxonomy with issue 7's map, so the <c>llm</c> and
/// <c>agent</c> backends classify exactly like the harness backends: 401/403 <c>auth</c> (never retried), 408
/// <c>timeout</c> (retried), 409/425/429/5xx <c>provider</c> (retried), other 4xx <c>provider</c> (not retried),
/// network and stream breaks <c>transport</c> (retried), configuration <c>config</c>, cancellation <c>canceled</c>
/// and anything else <c>unknown</c> (not retried).
/// </summary>
public static class LlmErrorMap
{
    /// <summary>Classifies an exception raised by an LLM call or an agent session.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The classified error; its message is the exception's (the client never puts keys in messages).</returns>
    public static BackendError ToBackendError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        return exception switch
        {
            BackendException backend => backend.Error,
            ProviderException { StatusCode: { } status } => BackendError.FromStatus(status, message),
            AuthenticationException or AccessDeniedException => BackendError.Auth(message),
            RateLimitException => BackendError.FromStatus(429, message),
            ServerException => BackendError.FromStatus(500, message) with { StatusCode = null },
            ProviderException provider => new BackendError(BackendErrorCategory.Provider, message, provider.Retryable),
            RequestTimeoutException => BackendError.Timeout(message),
            NetworkException or StreamException or HttpRequestException or IOException => BackendError.Transport(message),
            ConfigurationException or BackendConfigurationException => BackendError.Config(message),
            OperationCanceledException => BackendError.Canceled(message),
            _ => BackendError.Unknown(message),
        };
    }
}
