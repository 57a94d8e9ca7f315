// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// One LLM provider behind the unified model. Implementations speak the provider's native API, are safe for
/// concurrent use and never retry (retries belong to the high-level API). Adapters that own connections
/// implement <see cref="IDisposable"/>; <see cref="LlmClient"/> disposes them with itself.
/// </summary>
public interface IProviderAdapter
{
    /// <summary>Gets the provider name requests route by (e.g. <c>openai</c>, <c>anthropic</c>, <c>gemini</c>).</summary>
    string Name { get; }

    /// <summary>Sends a request and returns the whole response once generation finished.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call and closes its connection.</param>
    /// <returns>The response.</returns>
    /// <exception cref="LlmException">The provider or the transport failed.</exception>
    Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request and yields normalized events as they arrive, ending with <see cref="StreamEventType.Finish"/>
    /// (whose <see cref="StreamEvent.Response"/> equals what <see cref="CompleteAsync"/> would return).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the stream and closes its connection.</param>
    /// <returns>The events.</returns>
    /// <exception cref="LlmException">The connection failed before the first event, or the stream broke.</exception>
    IAsyncEnumerable<StreamEvent> StreamAsync(Request request, CancellationToken cancellationToken = default);

    /// <summary>Tells whether the provider supports a tool choice mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>True when requests with that mode are accepted.</returns>
    bool SupportsToolChoice(ToolChoiceMode mode) => true;
}
