// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>An error reported by an LLM provider (an HTTP error status or an error event in a stream).</summary>
public class ProviderException : LlmException
{
    private readonly bool retryable;

    /// <summary>Initializes a provider error.</summary>
    /// <param name="details">The provider, status, codes and raw body.</param>
    /// <param name="retryable">Whether retrying may succeed.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ProviderException(ProviderErrorDetails details, bool retryable, Exception? innerException = null)
        : base(details?.Message ?? throw new ArgumentNullException(nameof(details)), innerException)
    {
        Provider = details.Provider;
        StatusCode = details.StatusCode;
        ErrorCode = details.ErrorCode;
        RetryAfter = details.RetryAfter;
        Raw = details.Raw;
        this.retryable = retryable;
    }

    /// <summary>Gets the provider that reported the error.</summary>
    public string Provider { get; }

    /// <summary>Gets the HTTP status, if any.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the provider's error code or type.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets how long the provider asked to wait before retrying (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the raw error body.</summary>
    public JsonElement? Raw { get; }

    /// <inheritdoc/>
    public override bool Retryable => retryable;
}
