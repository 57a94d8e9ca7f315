// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Turns Messages API stream events into unified <see cref="StreamEvent"/>s (spec §7.7) and accumulates the content
/// blocks, so <c>message_stop</c> can finish with the same <see cref="Response"/> a non-streaming call returns.
/// One instance per stream; not thread-safe.
/// </summary>
internal sealed class AnthropicStreamDecoder
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Block?> blocks = [];
    private readonly IReadOnlyList<Warning> warnings;
    private readonly RateLimitInfo? rateLimit;
    private readonly SecretRedactor redactor;
    private string id = string.Empty;
    private string model = string.Empty;
    private JsonElement startUsage;
    private JsonElement deltaUsage;
    private string? stopReason;
    private string? stopSequence;

    /// <summary>Initializes a decoder.</summary>
    /// <param name="warnings">Warnings from request translation (reported on stream start and in the response).</param>
    /// <param name="rateLimit">The stream response's rate-limit headers.</param>
    /// <param name="redactor">Removes the API key from error events.</param>
    public AnthropicStreamDecoder(IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit, SecretRedactor redactor)
    {
        this.warnings = warnings;
        this.rateLimit = rateLimit;
        this.redactor = redactor;
    }

    private enum BlockKind
    {
        Text,
        ToolUse,
        Thinking,
        RedactedThinking,
        Other,
    }

    /// <summary>Gets whether <c>message_stop</c> arrived.</summary>
    public bool Finished { get; private set; }

    /// <summary>Gets the error that ended the stream (an <c>error</c> event or malformed data), once one did.</summary>
    public LlmException? Error { get; private set; }

    /// <summary>Processes one provider event.</summary>
    /// <param name="sse">The event.</param>
    /// <param name="output">Receives the unified events it produces (zero or more).</param>
    public void Process(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        switch (sse.Kind)
        {
            case AnthropicSseKind.ContentBlockDelta:
                OnDelta(sse, output);
                break;
            case AnthropicSseKind.ContentBlockStart:
                OnBlockStart(sse, output);
                break;
            case AnthropicSseKind.ContentBlockStop:
                OnBlockStop(sse, output);
                break;
            case AnthropicSseKind.MessageStart:
                OnMessageStart(sse, output);
                break;
            case AnthropicSseKind.MessageDelta:
                OnMessageDelta(sse);
                break;
            case AnthropicSseKind.MessageStop:
                var response = BuildResponse();
                output.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response });
                Finished = true;
                break;
            case AnthropicSseKind.Ping:
                break;
            case AnthropicSseKind.Error:
                OnError(sse, output);
                break;
            case AnthropicSseKind.Malformed:
                Fail(output, new StreamException($"The anthropic stream sent a '{sse.Name}' event whose data is not valid JSON: {sse.Value}"));
                break;
            default:
                output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = sse.Name, Raw = sse.Raw });
                break;
        }
    }

    /// <summary>Builds the response from everything received so far.</summary>
    /// <returns>The response; its raw JSON is the accumulated message as a non-streaming call would return it.</returns>
    public Response BuildResponse()
    {
        var parts = new List<ContentPart>(blocks.Count);
        var thinkingCharacters = 0;
        var hasThinking = false;
        foreach (var block in blocks)
        {
            if (block is null)
            {
                continue;
            }

            var part = block.ToPart();
            hasThinking |= block.Kind is BlockKind.Thinking or BlockKind.RedactedThinking;
            thinkingCharacters += block.Kind == BlockKind.Thinking ? part.Thinking!.Text.Length : 0;
            parts.Add(part);
        }

        var raw = WriteMessage(parts);
        return new Response
        {
            Id = id,
            Model = model,
            Provider = "anthropic",
            Message = new Message(Role.Assistant, parts),
            FinishReason = AnthropicResponseTranslator.MapStopReason(stopReason),
            Usage = AnthropicResponseTranslator.TranslateUsage(raw.GetProperty("usage"), hasThinking ? thinkingCharacters : null),
            Raw = raw,
            Warnings = warnings,
            RateLimit = rateLimit,
        };
    }

    private void OnMessageStart(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        if (sse.Raw.ValueKind == JsonValueKind.Object && sse.Raw.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            id = String(message, "id") ?? id;
            model = String(message, "model") ?? model;
            if (message.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                startUsage = usage;
            }
        }

        output.Add(new StreamEvent(StreamEventType.StreamStart) { Warnings = warnings, Raw = sse.Raw });
    }

    private void OnMessageDelta(in AnthropicSseEvent sse)
    {
        if (sse.Raw.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (sse.Raw.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
        {
            stopReason = String(delta, "stop_reason") ?? stopReason;
            stopSequence = String(delta, "stop_sequence") ?? stopSequence;
        }

        if (sse.Raw.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            // Counts in message_delta are cumulative: they replace message_start's, field by field.
            deltaUsage = usage;
        }
    }

    private void OnBlockStart(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        if (sse.Index < 0 || sse.Raw.ValueKind != JsonValueKind.Object || !sse.Raw.TryGetProperty("content_block", out var start) || start.ValueKind != JsonValueKind.Object)
        {
            Fail(output, new StreamException("The anthropic stream sent a content_block_start without an index or a content_block."));
            return;
        }

        var type = String(start, "type");
        var block = new Block(type switch
        {
            "text" => BlockKind.Text,
            "tool_use" => BlockKind.ToolUse,
            "thinking" => BlockKind.Thinking,
            "redacted_thinking" => BlockKind.RedactedThinking,
            _ => BlockKind.Other,
        })
        {
            Start = start,
            TextId = sse.Index.ToString(CultureInfo.InvariantCulture),
        };
        while (blocks.Count <= sse.Index)
        {
            blocks.Add(null);
        }

        blocks[sse.Index] = block;
        switch (block.Kind)
        {
            case BlockKind.Text:
                output.Add(new StreamEvent(StreamEventType.TextStart) { TextId = block.TextId });
                if (String(start, "text") is { Length: > 0 } text)
                {
                    block.Content.Append(text);
                    output.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = text, TextId = block.TextId });
                }

                break;
            case BlockKind.ToolUse:
                block.Call = new ToolCall(String(start, "id") ?? string.Empty, String(start, "name") ?? string.Empty, default, null);
                output.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = block.Call });
                break;
            case BlockKind.Thinking:
                block.Signature = String(start, "signature");
                output.Add(new StreamEvent(StreamEventType.ReasoningStart));
                if (String(start, "thinking") is { Length: > 0 } thinking)
                {
                    block.Content.Append(thinking);
                    output.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = thinking });
                }

                break;
            case BlockKind.RedactedThinking:
                output.Add(new StreamEvent(StreamEventType.ReasoningStart) { Raw = start });
                break;
            default:
                output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = sse.Name, Raw = sse.Raw });
                break;
        }
    }

    private void OnDelta(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        if (sse.Index < 0 || sse.Index >= blocks.Count || blocks[sse.Index] is not { } block)
        {
            Fail(output, new StreamException($"The anthropic stream sent a content_block_delta for block {sse.Index}, which never started."));
            return;
        }

        var value = sse.Value ?? string.Empty;
        switch (sse.DeltaKind)
        {
            case AnthropicDeltaKind.Text when block.Kind == BlockKind.Text:
                block.Content.Append(value);
                output.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = value, TextId = block.TextId });
                break;
            case AnthropicDeltaKind.InputJson when block.Kind == BlockKind.ToolUse:
                block.Content.Append(value);
                output.Add(new StreamEvent(StreamEventType.ToolCallDelta) { Delta = value, ToolCall = block.Call });
                break;
            case AnthropicDeltaKind.Thinking when block.Kind == BlockKind.Thinking:
                block.Content.Append(value);
                output.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = value });
                break;
            case AnthropicDeltaKind.Signature when block.Kind == BlockKind.Thinking:
                // The signature arrives whole just before the block stops; it only matters for round-tripping.
                block.Signature += value;
                break;
            default:
                if (block.Kind == BlockKind.Other && sse.DeltaKind is AnthropicDeltaKind.Text or AnthropicDeltaKind.InputJson)
                {
                    block.Content.Append(value);
                }

                output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = sse.Name, Delta = sse.Value, Raw = sse.Raw.ValueKind == JsonValueKind.Undefined ? null : sse.Raw });
                break;
        }
    }

    private void OnBlockStop(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        if (sse.Index < 0 || sse.Index >= blocks.Count || blocks[sse.Index] is not { } block)
        {
            Fail(output, new StreamException($"The anthropic stream sent a content_block_stop for block {sse.Index}, which never started."));
            return;
        }

        switch (block.Kind)
        {
            case BlockKind.Text:
                output.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = block.TextId });
                break;
            case BlockKind.ToolUse:
                output.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(block.ToPart().ToolCall!) });
                break;
            case BlockKind.Thinking or BlockKind.RedactedThinking:
                output.Add(new StreamEvent(StreamEventType.ReasoningEnd));
                break;
            default:
                output.Add(new StreamEvent(StreamEventType.ProviderEvent) { ProviderEventType = sse.Name });
                break;
        }
    }

    private void OnError(in AnthropicSseEvent sse, List<StreamEvent> output)
    {
        // {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}: the HTTP status was already 200,
        // so the error type decides the class, through the status Anthropic uses for it outside a stream.
        var rawText = redactor.Redact(sse.Raw.ValueKind == JsonValueKind.Undefined ? "{}" : sse.Raw.GetRawText());
        using var document = JsonDocument.Parse(rawText);
        var root = document.RootElement;
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
        var type = error.ValueKind == JsonValueKind.Object ? String(error, "type") : null;
        var message = error.ValueKind == JsonValueKind.Object ? String(error, "message") : null;
        int? status = type switch
        {
            "invalid_request_error" => 400,
            "authentication_error" => 401,
            "permission_error" => 403,
            "not_found_error" => 404,
            "request_too_large" => 413,
            "rate_limit_error" => 429,
            "api_error" => 500,
            "overloaded_error" => 529,
            _ => null,
        };
        var details = new ProviderErrorDetails("anthropic", $"anthropic reported an error in the stream: {message ?? type ?? "(no message)"}")
        {
            StatusCode = status,
            ErrorCode = type,
            Raw = root.Clone(),
        };
        var exception = status is not null ? ProviderErrors.FromStatus(details) : ProviderErrors.ClassifyMessage(details) ?? new ProviderException(details, retryable: true);
        Fail(output, exception);
    }

    private void Fail(List<StreamEvent> output, LlmException error)
    {
        Error = error;
        output.Add(new StreamEvent(StreamEventType.Error) { Error = error });
    }

    private JsonElement WriteMessage(List<ContentPart> parts)
    {
        // Utf8JsonWriter asks for a worst-case span (several bytes per character) before writing a long string, so an
        // allocated buffer would grow to a multiple of the text; a pooled one is reused and only the parsed copy stays.
        using var buffer = new PooledBuffer();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", "message");
            writer.WriteString("role", "assistant");
            writer.WriteString("model", model);
            writer.WriteStartArray("content");
            foreach (var part in parts)
            {
                WriteBlock(writer, part);
            }

            writer.WriteEndArray();
            WriteNullable(writer, "stop_reason", stopReason);
            WriteNullable(writer, "stop_sequence", stopSequence);
            writer.WriteStartObject("usage");
            WriteMergedUsage(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void WriteBlock(Utf8JsonWriter writer, ContentPart part)
    {
        if (part.Kind == ContentKind.Text)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "text");
            writer.WriteString("text", part.Text);
            writer.WriteEndObject();
        }
        else if (part.Kind == ContentKind.ToolCall)
        {
            var call = part.ToolCall!;
            writer.WriteStartObject();
            writer.WriteString("type", "tool_use");
            writer.WriteString("id", call.Id);
            writer.WriteString("name", call.Name);
            writer.WritePropertyName("input");
            WriteJsonOrString(writer, call.Arguments);
            writer.WriteEndObject();
        }
        else if (part.Kind == ContentKind.Thinking)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "thinking");
            writer.WriteString("thinking", part.Thinking!.Text);
            WriteNullable(writer, "signature", part.Thinking.Signature);
            writer.WriteEndObject();
        }
        else if (part.Kind == ContentKind.RedactedThinking)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "redacted_thinking");
            writer.WriteString("data", part.Thinking!.Text);
            writer.WriteEndObject();
        }
        else
        {
            WriteJsonOrString(writer, part.Text ?? "null");
        }
    }

    private static void WriteJsonOrString(Utf8JsonWriter writer, string json)
    {
        try
        {
            writer.WriteRawValue(json);
        }
        catch (JsonException)
        {
            // A stream cut inside tool arguments leaves invalid JSON; keep the text visible.
            writer.WriteStringValue(json);
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private void WriteMergedUsage(Utf8JsonWriter writer)
    {
        if (startUsage.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in startUsage.EnumerateObject())
            {
                if (deltaUsage.ValueKind != JsonValueKind.Object || !deltaUsage.TryGetProperty(property.Name, out var replaced) || replaced.ValueKind == JsonValueKind.Null)
                {
                    property.WriteTo(writer);
                }
            }
        }

        if (deltaUsage.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in deltaUsage.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null || startUsage.ValueKind != JsonValueKind.Object || !startUsage.TryGetProperty(property.Name, out _))
                {
                    property.WriteTo(writer);
                }
            }
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The deltas of one block, kept as the strings the decoder already made for the events and joined once at the end:
    /// no copy per delta (as a <see cref="StringBuilder"/>'s chunks would make), one allocation for the whole text.
    /// </summary>
    private sealed class Fragments
    {
        private readonly List<string> parts = [];

        public int Length { get; private set; }

        public void Append(string fragment)
        {
            if (fragment.Length > 0)
            {
                parts.Add(fragment);
                Length += fragment.Length;
            }
        }

        public override string ToString() => parts.Count switch
        {
            0 => string.Empty,
            1 => parts[0],
            _ => string.Create(Length, parts, static (span, fragments) =>
            {
                foreach (var fragment in fragments)
                {
                    fragment.AsSpan().CopyTo(span);
                    span = span[fragment.Length..];
                }
            }),
        };
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(4096);
        private int written;

        public ReadOnlySpan<byte> WrittenSpan => array.AsSpan(0, written);

        public void Advance(int count) => written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return array.AsMemory(written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return array.AsSpan(written);
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(array);
            array = [];
        }

        private void Ensure(int sizeHint)
        {
            var needed = (long)written + Math.Max(sizeHint, 1);
            if (needed <= array.Length)
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * array.Length)));
            array.AsSpan(0, written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            array = larger;
        }
    }

    /// <summary>One content block being received.</summary>
    /// <param name="kind">What the block holds.</param>
    private sealed class Block(BlockKind kind)
    {
        public BlockKind Kind { get; } = kind;

        /// <summary>Gets the text, partial tool input JSON or thinking received so far.</summary>
        public Fragments Content { get; } = new();

        public JsonElement Start { get; init; }

        public required string TextId { get; init; }

        public ToolCall? Call { get; set; }

        public string? Signature { get; set; }

        public ContentPart ToPart() => Kind switch
        {
            BlockKind.Text => ContentPart.FromText(Content.ToString()),
            BlockKind.ToolUse => ContentPart.FromToolCall(new ToolCallData(Call!.Id, Call.Name, Arguments())),
            BlockKind.Thinking => ContentPart.FromThinking(new ThinkingData(Content.ToString(), Signature) { Provider = AnthropicResponseTranslator.Provider }),
            BlockKind.RedactedThinking => ContentPart.FromThinking(new ThinkingData(String(Start, "data") ?? string.Empty, null, Redacted: true) { Provider = AnthropicResponseTranslator.Provider }),
            _ => OtherPart(),
        };

        private string Arguments()
        {
            // Arguments stream as input_json_delta fragments; with none, the start block's input (usually {}) stands.
            if (Content.Length > 0)
            {
                return Content.ToString();
            }

            return Start.TryGetProperty("input", out var input) ? input.GetRawText() : "{}";
        }

        private ContentPart OtherPart()
        {
            var type = String(Start, "type") ?? "unknown";
            if (Content.Length == 0)
            {
                return ContentPart.FromCustom(new ContentKind(type), Start.GetRawText());
            }

            // A provider block that streamed a body (server_tool_use input, ...): fold it in as a non-streaming call shows it.
            var node = JsonNode.Parse(Start.GetRawText())!.AsObject();
            if (node.ContainsKey("input"))
            {
                try
                {
                    node["input"] = JsonNode.Parse(Content.ToString());
                }
                catch (JsonException)
                {
                    node["input"] = Content.ToString();
                }
            }
            else
            {
                node["text"] = (String(Start, "text") ?? string.Empty) + Content;
            }

            return ContentPart.FromCustom(new ContentKind(type), node.ToJsonString());
        }
    }
}
