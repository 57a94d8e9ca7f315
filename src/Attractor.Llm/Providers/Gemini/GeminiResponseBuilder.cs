// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Accumulates Gemini response parts into unified content parts, and (when streaming) says which events each
/// part produces. <see cref="GeminiAdapter.CompleteAsync"/> and <see cref="GeminiAdapter.StreamAsync"/> both build
/// their message here, so a stream's final response has exactly the parts the same content gives unstreamed.
/// </summary>
/// <remarks>
/// Consecutive text parts merge into one text part; consecutive thought parts merge into one thinking part until a
/// thought signature closes it. A <c>thoughtSignature</c> on a non-thought part becomes a
/// <see cref="GeminiAdapter.ThoughtSignatureKind"/> part right after the part it belongs to (and closes a text part).
/// </remarks>
internal sealed class GeminiResponseBuilder
{
    // Arguments keep their characters as the model wrote them ("São Paulo", not "S\u00e3o Paulo").
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<Entry> entries = [];
    private int textSegments;
    private bool hasToolCalls;

    /// <summary>Gets whether a function call was seen.</summary>
    public bool HasToolCalls => hasToolCalls;

    /// <summary>Adds one part of <c>candidates[0].content.parts</c>.</summary>
    /// <param name="part">The Gemini part.</param>
    /// <param name="events">Receives the stream events the part produces; null when not streaming.</param>
    public void Append(JsonElement part, List<StreamEvent>? events)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var signature = part.TryGetProperty("thoughtSignature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var isThought = part.TryGetProperty("thought", out var t) && t.ValueKind == JsonValueKind.True;
        if (part.TryGetProperty("text", out var textElement) && textElement.ValueKind == JsonValueKind.String)
        {
            var text = textElement.GetString()!;
            if (isThought)
            {
                AppendThinking(text, signature, events);
                return;
            }

            if (text.Length > 0)
            {
                AppendText(text, events);
            }

            if (signature is not null)
            {
                Close(events);
                entries.Add(new Entry(ContentPart.FromCustom(GeminiAdapter.ThoughtSignatureKind, signature)));
            }

            return;
        }

        Close(events);
        if (part.TryGetProperty("functionCall", out var call) && call.ValueKind == JsonValueKind.Object)
        {
            var id = call.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String && idElement.GetString() is { Length: > 0 } given
                ? given
                : "call_" + Guid.NewGuid().ToString("N");
            var name = call.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : string.Empty;
            // Compact JSON, however the server laid it out: a streamed call and an unstreamed one carry the same text.
            var arguments = call.TryGetProperty("args", out var args) && args.ValueKind != JsonValueKind.Null ? JsonSerializer.Serialize(args, CompactJson) : "{}";
            var data = new ToolCallData(id, name, arguments);
            entries.Add(new Entry(ContentPart.FromToolCall(data)));
            hasToolCalls = true;
            if (events is not null)
            {
                var toolCall = ToolCall.FromData(data);
                events.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = toolCall });
                events.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = toolCall });
            }
        }
        else if (Media(part) is { } media)
        {
            entries.Add(new Entry(media));
        }
        else
        {
            // Parts with no unified kind (executableCode, codeExecutionResult, ...) are kept verbatim and sent back as they came.
            entries.Add(new Entry(ContentPart.FromCustom(GeminiAdapter.RawPartKind, part.GetRawText())));
            signature = null;
        }

        if (signature is not null)
        {
            entries.Add(new Entry(ContentPart.FromCustom(GeminiAdapter.ThoughtSignatureKind, signature)));
        }
    }

    /// <summary>Ends the open text or reasoning segment, if any.</summary>
    /// <param name="events">Receives the end event; null when not streaming.</param>
    public void Close(List<StreamEvent>? events)
    {
        if (entries.Count == 0 || entries[^1].Closed)
        {
            return;
        }

        var last = entries[^1];
        last.Closed = true;
        if (last.Kind == ContentKind.Text)
        {
            events?.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = last.TextId });
        }
        else if (last.Kind == ContentKind.Thinking)
        {
            events?.Add(new StreamEvent(StreamEventType.ReasoningEnd));
        }
    }

    /// <summary>Builds the message content.</summary>
    /// <returns>The parts in order.</returns>
    public List<ContentPart> Build()
    {
        var parts = new List<ContentPart>(entries.Count);
        foreach (var entry in entries)
        {
            parts.Add(entry.Part
                ?? (entry.Kind == ContentKind.Text
                    ? ContentPart.FromText(entry.Text!.ToString())
                    : ContentPart.FromThinking(new ThinkingData(entry.Text!.ToString(), entry.Signature) { Provider = GeminiAdapter.ProviderName })));
        }

        return parts;
    }

    private static ContentPart? Media(JsonElement part)
    {
        if (part.TryGetProperty("inlineData", out var inline) && inline.ValueKind == JsonValueKind.Object
            && inline.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
        {
            var type = inline.TryGetProperty("mimeType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "application/octet-stream";
            var bytes = Convert.FromBase64String(data.GetString()!);
            return type.StartsWith("image/", StringComparison.Ordinal) ? ContentPart.FromImage(new ImageData(bytes, type))
                : type.StartsWith("audio/", StringComparison.Ordinal) ? ContentPart.FromAudio(new AudioData(bytes, type))
                : ContentPart.FromDocument(new DocumentData(bytes, type));
        }

        if (part.TryGetProperty("fileData", out var file) && file.ValueKind == JsonValueKind.Object
            && file.TryGetProperty("fileUri", out var uri) && uri.ValueKind == JsonValueKind.String)
        {
            var type = file.TryGetProperty("mimeType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return type?.StartsWith("audio/", StringComparison.Ordinal) == true ? ContentPart.FromAudio(new AudioData(uri.GetString()!, type))
                : type is null || type.StartsWith("image/", StringComparison.Ordinal) ? ContentPart.FromImage(new ImageData(uri.GetString()!, type))
                : ContentPart.FromDocument(new DocumentData(uri.GetString()!, type));
        }

        return null;
    }

    private void AppendText(string text, List<StreamEvent>? events)
    {
        if (entries.Count == 0 || entries[^1] is not { Kind: var kind, Closed: false } last || kind != ContentKind.Text)
        {
            Close(events);
            last = new Entry(ContentKind.Text) { TextId = "text_" + textSegments++ };
            entries.Add(last);
            events?.Add(new StreamEvent(StreamEventType.TextStart) { TextId = last.TextId });
        }

        last.Text!.Append(text);
        events?.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = text, TextId = last.TextId });
    }

    private void AppendThinking(string text, string? signature, List<StreamEvent>? events)
    {
        if (entries.Count == 0 || entries[^1] is not { Kind: var kind, Closed: false } last || kind != ContentKind.Thinking)
        {
            Close(events);
            last = new Entry(ContentKind.Thinking);
            entries.Add(last);
            events?.Add(new StreamEvent(StreamEventType.ReasoningStart));
        }

        last.Text!.Append(text);
        if (text.Length > 0)
        {
            events?.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = text });
        }

        if (signature is not null)
        {
            // The signature seals the thought: what follows is a new thinking part.
            last.Signature = signature;
            Close(events);
        }
    }

    private sealed class Entry
    {
        public Entry(ContentKind kind)
        {
            Kind = kind;
            Text = new StringBuilder();
        }

        public Entry(ContentPart part)
        {
            Kind = part.Kind;
            Part = part;
            Closed = true;
        }

        public ContentKind Kind { get; }

        public ContentPart? Part { get; }

        public StringBuilder? Text { get; }

        public string? Signature { get; set; }

        public string? TextId { get; init; }

        public bool Closed { get; set; }
    }
}
