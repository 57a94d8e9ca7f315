// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>
/// Plugs any Microsoft.Extensions.AI <see cref="IChatClient"/> (OllamaSharp, Azure AI Inference, an OpenAI
/// <c>AsIChatClient()</c>, a test double) into an <see cref="LlmClient"/> as a provider adapter.
/// </summary>
/// <remarks>
/// <para>
/// Requests become messages and <see cref="ChatOptions"/> (tools as declaration-only functions: the inner client
/// must not invoke them, the high-level API does); this adapter's entry of <see cref="Request.ProviderOptions"/>
/// (keyed by <see cref="Name"/>) becomes <see cref="ChatOptions.AdditionalProperties"/>. Local media paths are read
/// and sent as bytes.
/// </para>
/// <para>
/// Streams are normalized: <see cref="StreamEventType.StreamStart"/>, text and reasoning start/delta/end, each
/// function call as tool-call start/delta/end when it arrives (M.E.AI delivers calls whole), then
/// <see cref="StreamEventType.Finish"/> with the accumulated response.
/// </para>
/// <para>
/// Errors: <see cref="LlmException"/> and cancellation pass through; an <see cref="HttpRequestException"/> with a
/// status code maps like a provider HTTP error (429 is a <see cref="RateLimitException"/>, ...), one without is a
/// <see cref="NetworkException"/>; a failure after the stream produced data is a <see cref="StreamException"/>;
/// a <see cref="TimeoutException"/> is a <see cref="RequestTimeoutException"/>; anything else is a non-retryable
/// <see cref="ProviderException"/>. The adapter does not own the chat client: disposing is the caller's job.
/// </para>
/// </remarks>
public sealed class ChatClientAdapter : IProviderAdapter
{
    private readonly IChatClient chatClient;

    /// <summary>Initializes an adapter over a chat client.</summary>
    /// <param name="name">The provider name requests route by (e.g. <c>ollama</c>).</param>
    /// <param name="chatClient">The chat client.</param>
    public ChatClientAdapter(string name, IChatClient chatClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(chatClient);
        Name = name;
        this.chatClient = chatClient;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the wrapped chat client.</summary>
    public IChatClient ChatClient => chatClient;

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = await ChatMessageTranslation.ToChatMessagesAsync(request.Messages, cancellationToken).ConfigureAwait(false);
        var options = ChatOptionsTranslation.ToChatOptions(request, Name);
        ChatResponse response;
        try
        {
            response = await chatClient.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, streamStarted: false) is { } error)
        {
            throw error;
        }

        return ChatResponseTranslation.ToResponse(response, Name, request.Model);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = await ChatMessageTranslation.ToChatMessagesAsync(request.Messages, cancellationToken).ConfigureAwait(false);
        var options = ChatOptionsTranslation.ToChatOptions(request, Name);
        var updates = new List<ChatResponseUpdate>();
        var segments = new StreamSegments();
        var enumerator = chatClient.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            yield return new StreamEvent(StreamEventType.StreamStart);
            while (true)
            {
                ExceptionDispatchInfo? failure = null;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failure = ExceptionDispatchInfo.Capture(Translate(ex, streamStarted: updates.Count > 0) ?? ex);
                }

                if (failure is not null)
                {
                    // Like the built-in adapters: event consumers see an error event, exception handlers the exception.
                    yield return new StreamEvent(StreamEventType.Error) { Error = (LlmException)failure.SourceException };
                    failure.Throw();
                }

                var update = enumerator.Current;
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    foreach (var streamEvent in segments.On(content))
                    {
                        yield return streamEvent;
                    }
                }
            }
        }

        foreach (var streamEvent in segments.CloseAll())
        {
            yield return streamEvent;
        }

        // M.E.AI's own accumulation (coalescing text, reasoning and usage) builds the final response.
        var response = ChatResponseTranslation.ToResponse(updates.ToChatResponse(), Name, request.Model);
        yield return new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response };
    }

    private LlmException? Translate(Exception error, bool streamStarted)
    {
        switch (error)
        {
            case LlmException or OperationCanceledException:
                return null;
            case HttpRequestException { StatusCode: { } status } when !streamStarted:
                return ProviderErrors.FromStatus(new ProviderErrorDetails(Name, error.Message) { StatusCode = (int)status });
            case HttpRequestException or IOException when streamStarted:
                return new StreamException($"The {Name} stream broke: {error.Message}", error);
            case HttpRequestException:
                return new NetworkException($"The {Name} chat client could not reach its service: {error.Message}", error);
            case TimeoutException:
                return new RequestTimeoutException($"The {Name} chat client timed out: {error.Message}", error) { Provider = Name };
            default:
                return new ProviderException(new ProviderErrorDetails(Name, $"The {Name} chat client failed: {error.Message}"), retryable: false, error);
        }
    }

    /// <summary>Turns M.E.AI stream contents into start/delta/end events, one open text or reasoning segment at a time.</summary>
    private sealed class StreamSegments
    {
        private StreamEventType? open;
        private int textSegments;
        private string? textId;

        public IEnumerable<StreamEvent> On(AIContent content)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    if (open != StreamEventType.TextStart)
                    {
                        foreach (var closed in CloseAll())
                        {
                            yield return closed;
                        }

                        open = StreamEventType.TextStart;
                        textId = "text_" + textSegments++;
                        yield return new StreamEvent(StreamEventType.TextStart) { TextId = textId };
                    }

                    yield return new StreamEvent(StreamEventType.TextDelta) { Delta = text.Text, TextId = textId };
                    break;
                case TextReasoningContent { Text.Length: > 0 } reasoning:
                    if (open != StreamEventType.ReasoningStart)
                    {
                        foreach (var closed in CloseAll())
                        {
                            yield return closed;
                        }

                        open = StreamEventType.ReasoningStart;
                        yield return new StreamEvent(StreamEventType.ReasoningStart);
                    }

                    yield return new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = reasoning.Text };
                    break;
                case FunctionCallContent call:
                    foreach (var closed in CloseAll())
                    {
                        yield return closed;
                    }

                    var data = new ToolCallData(call.CallId, call.Name, ChatMessageTranslation.ArgumentsText(call));
                    yield return new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = new ToolCall(data.Id, data.Name, default, null) };
                    yield return new StreamEvent(StreamEventType.ToolCallDelta) { Delta = data.Arguments, ToolCall = new ToolCall(data.Id, data.Name, default, null) };
                    yield return new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(data) };
                    break;
                default:
                    break;
            }
        }

        public IEnumerable<StreamEvent> CloseAll()
        {
            var wasOpen = open;
            open = null;
            if (wasOpen == StreamEventType.TextStart)
            {
                yield return new StreamEvent(StreamEventType.TextEnd) { TextId = textId };
            }
            else if (wasOpen == StreamEventType.ReasoningStart)
            {
                yield return new StreamEvent(StreamEventType.ReasoningEnd);
            }
        }
    }
}
