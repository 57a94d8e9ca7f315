// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>
/// Exposes an <see cref="LlmClient"/> as a Microsoft.Extensions.AI <see cref="IChatClient"/>, so M.E.AI middleware
/// (<c>FunctionInvokingChatClient</c>, caching, OpenTelemetry) and libraries built on it can use any provider of
/// this library.
/// </summary>
/// <remarks>
/// <para>
/// Messages, tools (<see cref="AIFunctionDeclaration"/>; the client never invokes them, compose a
/// <c>FunctionInvokingChatClient</c> for that), tool modes, response formats, reasoning (as
/// <see cref="TextReasoningContent"/>, thinking signatures and redacted thinking in
/// <see cref="TextReasoningContent.ProtectedData"/>), usage and finish reasons are translated both ways.
/// <see cref="ChatOptions.AdditionalProperties"/> may name the provider (<c>provider</c>) and carry
/// <see cref="Request.ProviderOptions"/> (<c>provider_options</c>, a JSON object) and strict schemas
/// (<c>strictJsonSchema</c>). Options without an equivalent (seed, top-k, penalties, conversation ids) are ignored.
/// </para>
/// <para>
/// Errors are not translated: this library's <see cref="LlmException"/> types propagate unchanged, and
/// cancellation is an <see cref="OperationCanceledException"/>. The client does not retry and does not own the
/// <see cref="LlmClient"/>: disposing it does nothing.
/// </para>
/// </remarks>
public sealed class LlmChatClient : IChatClient
{
    private readonly LlmClient client;
    private readonly string? provider;
    private readonly string? defaultModel;
    private readonly ChatClientMetadata metadata;

    /// <summary>Initializes a chat client over an <see cref="LlmClient"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="defaultModel">The model when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="provider">The provider to route to; null uses the client's default provider.</param>
    public LlmChatClient(LlmClient client, string? defaultModel = null, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.provider = provider;
        this.defaultModel = defaultModel;
        var providerName = provider ?? client.DefaultProvider;
        metadata = new ChatClientMetadata(providerName is null ? null : GenAiProviderNames.For(providerName), null, defaultModel);
    }

    /// <inheritdoc/>
    /// <exception cref="ConfigurationException">No model is named, or the provider is not registered.</exception>
    /// <exception cref="LlmException">The provider failed.</exception>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = ChatOptionsTranslation.ToRequest(messages, options, defaultModel, provider);
        var response = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        return ChatResponseTranslation.ToChatResponse(response);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Text and reasoning arrive as deltas, each function call whole when the model finished it (tool call end), and a
    /// final update carries the finish reason, response id, model, usage and any thinking signatures or redacted
    /// thinking (which the stream reports only at the end; <c>ToChatResponse</c> plus this client's message translation
    /// put them back on their thinking).
    /// </remarks>
    /// <exception cref="ConfigurationException">No model is named, or the provider is not registered.</exception>
    /// <exception cref="LlmException">The provider failed or the stream broke.</exception>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = ChatOptionsTranslation.ToRequest(messages, options, defaultModel, provider);
        var messageId = "msg_" + Guid.NewGuid().ToString("N");
        await foreach (var streamEvent in client.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (ToUpdate(streamEvent, messageId) is { } update)
            {
                yield return update;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Returns the <see cref="ChatClientMetadata"/>, this client, the <see cref="LlmClient"/>, or the provider adapter it routes to.</remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        if (serviceType.IsInstanceOfType(client))
        {
            return client;
        }

        var name = provider ?? client.DefaultProvider;
        return name is not null && client.Providers.TryGetValue(name, out var adapter) && serviceType.IsInstanceOfType(adapter) ? adapter : null;
    }

    /// <summary>Does nothing: the <see cref="LlmClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private static ChatResponseUpdate? ToUpdate(StreamEvent streamEvent, string messageId)
    {
        switch (streamEvent.Type)
        {
            case StreamEventType.TextDelta when !string.IsNullOrEmpty(streamEvent.Delta):
                return new ChatResponseUpdate(ChatRole.Assistant, streamEvent.Delta) { MessageId = messageId, RawRepresentation = streamEvent };
            case StreamEventType.ReasoningDelta when !string.IsNullOrEmpty(streamEvent.ReasoningDelta):
                return new ChatResponseUpdate(ChatRole.Assistant, [new TextReasoningContent(streamEvent.ReasoningDelta)])
                {
                    MessageId = messageId,
                    RawRepresentation = streamEvent,
                };
            case StreamEventType.ToolCallEnd when streamEvent.ToolCall is { } call:
                var data = new ToolCallData(call.Id, call.Name, call.RawArguments ?? call.Arguments.GetRawText());
                return new ChatResponseUpdate(ChatRole.Assistant, [ChatMessageTranslation.ToFunctionCall(data)])
                {
                    MessageId = messageId,
                    RawRepresentation = streamEvent,
                };
            case StreamEventType.Finish:
                return FinalUpdate(streamEvent, messageId);
            case StreamEventType.Error:
                // Adapters throw after an error event; throwing here also covers one that only reports it.
                ExceptionDispatchInfo.Throw(streamEvent.Error ?? new StreamException("The stream reported an error."));
                return null;
            default:
                return null;
        }
    }

    private static ChatResponseUpdate FinalUpdate(StreamEvent finish, string messageId)
    {
        var contents = new List<AIContent>();
        var response = finish.Response;
        if (response is not null)
        {
            for (var index = 0; index < response.Message.Content.Count; index++)
            {
                var part = response.Message.Content[index];
                if (!ChatMessageTranslation.IsStandard(part.Kind))
                {
                    // Provider parts no event carried (e.g. Gemini thought signatures), with their place in the message.
                    var custom = ChatMessageTranslation.ToCustomContent(part);
                    custom.AdditionalProperties![ChatMessageTranslation.StreamEndProperty] = true;
                    custom.AdditionalProperties[ChatMessageTranslation.IndexProperty] = index;
                    contents.Add(custom);
                }
                else if (part.Thinking is { } thinking && (thinking.Redacted || thinking.Signature is not null))
                {
                    // Deltas carried the text; what only the end knows is the signature or the redacted data. The
                    // marker lets the message translation put each block back in its place (see ChatMessageTranslation).
                    var reasoning = ChatMessageTranslation.ToReasoning(thinking.Redacted ? thinking : thinking with { Text = string.Empty });
                    (reasoning.AdditionalProperties ??= [])[ChatMessageTranslation.StreamEndProperty] = true;
                    contents.Add(reasoning);
                }
            }
        }

        if ((finish.Usage ?? response?.Usage) is { } usage)
        {
            contents.Add(new UsageContent(ChatResponseTranslation.ToUsageDetails(usage)));
        }

        var reason = finish.FinishReason ?? response?.FinishReason;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            MessageId = messageId,
            ResponseId = response?.Id,
            ModelId = response?.Model,
            FinishReason = reason is null ? null : ChatResponseTranslation.ToChatFinishReason(reason),
            RawRepresentation = finish,
        };
    }
}
