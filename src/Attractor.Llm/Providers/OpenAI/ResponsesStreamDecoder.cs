// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Turns Responses API stream events into unified <see cref="StreamEvent"/>s. <see cref="Parse"/> runs on the SSE
/// parser's UTF-8 buffer: a text delta costs one string and no JSON document. <see cref="Process"/> keeps the
/// start/delta/end state per output item and builds the final response from <c>response.completed</c> with the same
/// reader as non-streaming calls. Not thread-safe: one decoder per stream.
/// </summary>
internal sealed class ResponsesStreamDecoder : IOpenAIStreamDecoder<ResponsesStreamChunk>, IDisposable
{
    private readonly string provider;
    private readonly SecretRedactor redactor;
    private readonly IReadOnlyList<Warning> warnings;
    private readonly RateLimitInfo? rateLimit;
    private readonly List<ItemState?> items = [];
    private readonly List<JsonDocument> doneItems = [];
    private bool started;

    public ResponsesStreamDecoder(string provider, SecretRedactor redactor, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit)
    {
        this.provider = provider;
        this.redactor = redactor;
        this.warnings = warnings;
        this.rateLimit = rateLimit;
    }

    /// <summary>Gets whether a terminal event (completed, incomplete, failed, error) arrived.</summary>
    public bool Finished { get; private set; }

    /// <summary>Gets the error a failed response or an error event reported.</summary>
    public LlmException? Failure { get; private set; }

    /// <summary>Decodes one event's data. Never throws: data that is not JSON becomes <see cref="ResponsesEventKind.Malformed"/>.</summary>
    /// <param name="eventType">The SSE <c>event:</c> field (used only when the JSON has no <c>type</c>).</param>
    /// <param name="data">The UTF-8 data, valid only during the call.</param>
    /// <returns>The chunk.</returns>
    public static ResponsesStreamChunk Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return new(ResponsesEventKind.Ignored, null, -1, null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new(ResponsesEventKind.Malformed, null, -1, null, eventType);
            }

            var kind = ResponsesEventKind.Unknown;
            var typed = false;
            string? delta = null;
            var index = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = reader.TokenType == JsonTokenType.String ? Classify(reader.ValueSpan) : ResponsesEventKind.Unknown;
                    typed = true;
                    if (!IsDelta(kind))
                    {
                        break;
                    }
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        delta = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("output_index"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out index))
                    {
                        index = -1;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!typed)
            {
                kind = Classify(Encoding.UTF8.GetBytes(eventType));
            }

            if (IsDelta(kind))
            {
                return new(kind, delta ?? string.Empty, index, null, null);
            }

            if (kind == ResponsesEventKind.Ignored)
            {
                return new(kind, null, -1, null, null);
            }

            var document = JsonDocument.Parse(data.ToArray());
            return new(kind, null, -1, document, kind == ResponsesEventKind.Unknown ? OpenAIWire.String(document.RootElement, "type") ?? eventType : null);
        }
        catch (JsonException)
        {
            return new(ResponsesEventKind.Malformed, null, -1, null, eventType);
        }
    }

    /// <summary>Processes a chunk, appending the unified events it produces. Disposes the chunk's document unless it keeps it.</summary>
    /// <param name="chunk">The chunk.</param>
    /// <param name="output">Receives the events.</param>
    public void Process(in ResponsesStreamChunk chunk, List<StreamEvent> output)
    {
        if (!started && chunk.Kind != ResponsesEventKind.Ignored)
        {
            started = true;
            output.Add(new StreamEvent(StreamEventType.StreamStart) { Warnings = warnings });
        }

        var keep = false;
        try
        {
            switch (chunk.Kind)
            {
                case ResponsesEventKind.TextDelta:
                    TextDelta(chunk, output);
                    break;
                case ResponsesEventKind.ArgumentsDelta:
                    var call = Item(chunk.OutputIndex, "function_call");
                    call.Call ??= new ToolCall(string.Empty, string.Empty, default, null);
                    output.Add(new StreamEvent(StreamEventType.ToolCallDelta) { Delta = chunk.Delta, ToolCall = call.Call });
                    break;
                case ResponsesEventKind.ReasoningDelta:
                    var reasoning = Item(chunk.OutputIndex, "reasoning");
                    if (!reasoning.Started)
                    {
                        reasoning.Started = true;
                        output.Add(new StreamEvent(StreamEventType.ReasoningStart));
                    }

                    output.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = chunk.Delta });
                    break;
                case ResponsesEventKind.ItemAdded:
                    ItemAdded(chunk.Document!.RootElement, output);
                    break;
                case ResponsesEventKind.ItemDone:
                    keep = ItemDone(chunk.Document!, output);
                    break;
                case ResponsesEventKind.Completed:
                    Completed(chunk.Document!.RootElement, output);
                    break;
                case ResponsesEventKind.Failed:
                    var failed = chunk.Document!.RootElement.TryGetProperty("response", out var response) && response.TryGetProperty("error", out var e) ? e : default;
                    Fail(OpenAIWire.StreamError(provider, redactor, failed), output);
                    break;
                case ResponsesEventKind.Error:
                    var root = chunk.Document!.RootElement;
                    Fail(OpenAIWire.StreamError(provider, redactor, root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root), output);
                    break;
                case ResponsesEventKind.Malformed:
                    Fail(new StreamException($"The {provider} stream sent a '{chunk.Type}' event whose data is not a JSON object."), output);
                    break;
                case ResponsesEventKind.Unknown:
                    output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = chunk.Type, Raw = chunk.Document!.RootElement.Clone() });
                    break;
                default:
                    break;
            }
        }
        finally
        {
            if (!keep)
            {
                chunk.Document?.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public LlmException? EndOfStream(List<StreamEvent> output) =>
        new StreamException($"The {provider} stream ended before response.completed; the response is incomplete.");

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var document in doneItems)
        {
            document.Dispose();
        }

        doneItems.Clear();
    }

    private static bool IsDelta(ResponsesEventKind kind) =>
        kind is ResponsesEventKind.TextDelta or ResponsesEventKind.ArgumentsDelta or ResponsesEventKind.ReasoningDelta;

    private static ResponsesEventKind Classify(ReadOnlySpan<byte> type)
    {
        // Most frequent first: a long stream is almost all text deltas.
        if (type.SequenceEqual("response.output_text.delta"u8))
        {
            return ResponsesEventKind.TextDelta;
        }

        if (type.SequenceEqual("response.function_call_arguments.delta"u8) || type.SequenceEqual("response.custom_tool_call_input.delta"u8))
        {
            return ResponsesEventKind.ArgumentsDelta;
        }

        if (type.SequenceEqual("response.reasoning_summary_text.delta"u8) || type.SequenceEqual("response.reasoning_text.delta"u8))
        {
            return ResponsesEventKind.ReasoningDelta;
        }

        if (type.SequenceEqual("response.output_item.added"u8))
        {
            return ResponsesEventKind.ItemAdded;
        }

        if (type.SequenceEqual("response.output_item.done"u8))
        {
            return ResponsesEventKind.ItemDone;
        }

        if (type.SequenceEqual("response.created"u8))
        {
            return ResponsesEventKind.Created;
        }

        if (type.SequenceEqual("response.completed"u8) || type.SequenceEqual("response.incomplete"u8))
        {
            return ResponsesEventKind.Completed;
        }

        if (type.SequenceEqual("response.failed"u8))
        {
            return ResponsesEventKind.Failed;
        }

        if (type.SequenceEqual("error"u8))
        {
            return ResponsesEventKind.Error;
        }

        // Duplicates of what the deltas and output_item.done already say; parsing them (the *.done events repeat
        // the whole text) would only cost time.
        if (type.SequenceEqual("response.in_progress"u8) || type.SequenceEqual("response.queued"u8)
            || type.SequenceEqual("response.content_part.added"u8) || type.SequenceEqual("response.content_part.done"u8)
            || type.SequenceEqual("response.output_text.done"u8) || type.SequenceEqual("response.function_call_arguments.done"u8)
            || type.SequenceEqual("response.custom_tool_call_input.done"u8)
            || type.SequenceEqual("response.reasoning_summary_part.added"u8) || type.SequenceEqual("response.reasoning_summary_part.done"u8)
            || type.SequenceEqual("response.reasoning_summary_text.done"u8) || type.SequenceEqual("response.reasoning_text.done"u8))
        {
            return ResponsesEventKind.Ignored;
        }

        return ResponsesEventKind.Unknown;
    }

    private ItemState Item(int index, string type)
    {
        if (index < 0)
        {
            // No index (a lenient proxy): attach to the last item of that type, else start one.
            for (var i = items.Count - 1; i >= 0; i--)
            {
                if (items[i] is { } existing && existing.Type == type)
                {
                    return existing;
                }
            }

            index = items.Count;
        }

        while (items.Count <= index)
        {
            items.Add(null);
        }

        return items[index] ??= new ItemState(type, null);
    }

    private void TextDelta(in ResponsesStreamChunk chunk, List<StreamEvent> output)
    {
        var item = Item(chunk.OutputIndex, "message");
        if (!item.Started)
        {
            item.Started = true;
            output.Add(new StreamEvent(StreamEventType.TextStart) { TextId = item.Id });
        }

        output.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = chunk.Delta, TextId = item.Id });
    }

    private void ItemAdded(JsonElement root, List<StreamEvent> output)
    {
        if (!root.TryGetProperty("item", out var item))
        {
            return;
        }

        var type = OpenAIWire.String(item, "type") ?? string.Empty;
        var state = Item(OpenAIWire.Int(root, "output_index") ?? -1, type);
        state.Id ??= OpenAIWire.String(item, "id");
        if (type is "function_call" or "custom_tool_call")
        {
            state.Call = new ToolCall(OpenAIWire.String(item, "call_id") ?? state.Id ?? string.Empty, OpenAIWire.String(item, "name") ?? string.Empty, default, null);
            state.Started = true;
            output.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = state.Call });
        }
    }

    private bool ItemDone(JsonDocument document, List<StreamEvent> output)
    {
        var root = document.RootElement;
        if (!root.TryGetProperty("item", out var item))
        {
            return false;
        }

        var type = OpenAIWire.String(item, "type") ?? string.Empty;
        var state = Item(OpenAIWire.Int(root, "output_index") ?? -1, type);
        state.Id ??= OpenAIWire.String(item, "id");
        var parts = new List<ContentPart>();
        ResponsesResponseReader.ReadItem(item, parts);
        switch (type)
        {
            case "message":
                if (!state.Started)
                {
                    // No deltas came (a proxy that sends whole items): the text still flows through the events.
                    var text = new Message(Role.Assistant, parts).Text;
                    if (text.Length > 0)
                    {
                        output.Add(new StreamEvent(StreamEventType.TextStart) { TextId = state.Id });
                        output.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = text, TextId = state.Id });
                        state.Started = true;
                    }
                }

                if (state.Started)
                {
                    output.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = state.Id });
                }

                break;
            case "function_call" or "custom_tool_call":
                var call = ToolCall.FromData(parts[0].ToolCall!);
                if (!state.Started)
                {
                    output.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = call with { Arguments = default, RawArguments = null } });
                }

                output.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = call });
                break;
            case "reasoning":
                if (!state.Started && parts.Count > 0 && parts[0].Kind == ContentKind.Thinking)
                {
                    output.Add(new StreamEvent(StreamEventType.ReasoningStart));
                    output.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = parts[0].Thinking!.Text });
                    state.Started = true;
                }

                if (state.Started)
                {
                    output.Add(new StreamEvent(StreamEventType.ReasoningEnd));
                }

                break;
            default:
                output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = "response.output_item.done", Raw = root.Clone() });
                break;
        }

        // Kept for the final response in case response.completed carries no output (some proxies strip it).
        doneItems.Add(document);
        return true;
    }

    private void Completed(JsonElement root, List<StreamEvent> output)
    {
        Finished = true;
        var response = root.TryGetProperty("response", out var r) ? r : root;
        var result = ResponsesResponseReader.Read(response, provider, [.. doneItems.Select(d => d.RootElement.GetProperty("item"))], warnings, rateLimit);
        output.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = result.FinishReason, Usage = result.Usage, Response = result });
    }

    private void Fail(LlmException error, List<StreamEvent> output)
    {
        Finished = true;
        Failure = error;
        output.Add(new StreamEvent(StreamEventType.Error) { Error = error });
    }

    private sealed class ItemState(string type, string? id)
    {
        public string Type { get; } = type;

        public string? Id { get; set; } = id;

        public bool Started { get; set; }

        public ToolCall? Call { get; set; }
    }
}
