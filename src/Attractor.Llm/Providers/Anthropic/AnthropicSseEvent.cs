// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The event types of a Messages API stream.</summary>
internal enum AnthropicSseKind : byte
{
    /// <summary>An event this adapter does not know (surfaced as a provider event).</summary>
    Unknown,

    /// <summary><c>message_start</c>.</summary>
    MessageStart,

    /// <summary><c>content_block_start</c>.</summary>
    ContentBlockStart,

    /// <summary><c>content_block_delta</c>.</summary>
    ContentBlockDelta,

    /// <summary><c>content_block_stop</c>.</summary>
    ContentBlockStop,

    /// <summary><c>message_delta</c>.</summary>
    MessageDelta,

    /// <summary><c>message_stop</c>.</summary>
    MessageStop,

    /// <summary><c>ping</c>.</summary>
    Ping,

    /// <summary><c>error</c>.</summary>
    Error,

    /// <summary>Data that is not a JSON object.</summary>
    Malformed,
}

/// <summary>The delta types of <c>content_block_delta</c>.</summary>
internal enum AnthropicDeltaKind : byte
{
    /// <summary>No delta.</summary>
    None,

    /// <summary><c>text_delta</c>.</summary>
    Text,

    /// <summary><c>input_json_delta</c>.</summary>
    InputJson,

    /// <summary><c>thinking_delta</c>.</summary>
    Thinking,

    /// <summary><c>signature_delta</c>.</summary>
    Signature,

    /// <summary>Any other delta (e.g. <c>citations_delta</c>); kept raw.</summary>
    Other,
}

/// <summary>
/// One stream event, decoded straight from the SSE data's UTF-8 bytes. Deltas of text, tool input, thinking and
/// signatures (nearly every event of a stream) are read with a <see cref="Utf8JsonReader"/> into <see cref="Value"/>
/// without building a document; the rare structural events also keep their JSON in <see cref="Raw"/>.
/// </summary>
/// <param name="Kind">The event type.</param>
/// <param name="Name">The event's type name (the JSON <c>type</c>, else the SSE event name).</param>
/// <param name="Index">The content block index, or -1.</param>
/// <param name="DeltaKind">The delta type of a <c>content_block_delta</c>.</param>
/// <param name="Value">The delta's text, partial JSON, thinking or signature; the parse error for malformed data.</param>
/// <param name="Raw">The event's JSON for structural, error and unknown events; undefined otherwise.</param>
internal readonly record struct AnthropicSseEvent(AnthropicSseKind Kind, string Name, int Index, AnthropicDeltaKind DeltaKind, string? Value, JsonElement Raw)
{
    /// <summary>Decodes one event's data.</summary>
    /// <param name="eventType">The SSE <c>event:</c> name.</param>
    /// <param name="data">The UTF-8 data.</param>
    /// <returns>The event; <see cref="AnthropicSseKind.Malformed"/> when the data is not a JSON object.</returns>
    public static AnthropicSseEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        try
        {
            return ParseCore(eventType, data);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new AnthropicSseEvent(AnthropicSseKind.Malformed, eventType, -1, AnthropicDeltaKind.None, ex.Message, default);
        }
    }

    private static AnthropicSseEvent ParseCore(string eventType, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new AnthropicSseEvent(AnthropicSseKind.Malformed, eventType, -1, AnthropicDeltaKind.None, "the event data is not a JSON object", default);
        }

        AnthropicSseKind? kind = null;
        var index = -1;
        var deltaKind = AnthropicDeltaKind.None;
        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                {
                    index = number;
                }
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadDelta(ref reader, ref deltaKind, ref value);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        var resolved = kind ?? KindOf(eventType);
        var hot = resolved is AnthropicSseKind.ContentBlockStop or AnthropicSseKind.MessageStop or AnthropicSseKind.Ping
            || (resolved == AnthropicSseKind.ContentBlockDelta && deltaKind is not (AnthropicDeltaKind.None or AnthropicDeltaKind.Other));
        if (hot)
        {
            return new AnthropicSseEvent(resolved, NameOf(resolved) ?? eventType, index, deltaKind, value, default);
        }

        var rawReader = new Utf8JsonReader(data);
        var raw = JsonElement.ParseValue(ref rawReader);
        var name = NameOf(resolved)
            ?? (raw.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : eventType);
        return new AnthropicSseEvent(resolved, name, index, deltaKind, value, raw);
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref AnthropicDeltaKind deltaKind, ref string? value)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                deltaKind = reader.TokenType != JsonTokenType.String ? AnthropicDeltaKind.Other
                    : reader.ValueTextEquals("text_delta"u8) ? AnthropicDeltaKind.Text
                    : reader.ValueTextEquals("input_json_delta"u8) ? AnthropicDeltaKind.InputJson
                    : reader.ValueTextEquals("thinking_delta"u8) ? AnthropicDeltaKind.Thinking
                    : reader.ValueTextEquals("signature_delta"u8) ? AnthropicDeltaKind.Signature
                    : AnthropicDeltaKind.Other;
            }
            else if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("partial_json"u8)
                || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("signature"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static AnthropicSseKind KindOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? AnthropicSseKind.Unknown
        : reader.ValueTextEquals("content_block_delta"u8) ? AnthropicSseKind.ContentBlockDelta
        : reader.ValueTextEquals("content_block_start"u8) ? AnthropicSseKind.ContentBlockStart
        : reader.ValueTextEquals("content_block_stop"u8) ? AnthropicSseKind.ContentBlockStop
        : reader.ValueTextEquals("message_start"u8) ? AnthropicSseKind.MessageStart
        : reader.ValueTextEquals("message_delta"u8) ? AnthropicSseKind.MessageDelta
        : reader.ValueTextEquals("message_stop"u8) ? AnthropicSseKind.MessageStop
        : reader.ValueTextEquals("ping"u8) ? AnthropicSseKind.Ping
        : reader.ValueTextEquals("error"u8) ? AnthropicSseKind.Error
        : AnthropicSseKind.Unknown;

    private static AnthropicSseKind KindOf(string name) => name switch
    {
        "content_block_delta" => AnthropicSseKind.ContentBlockDelta,
        "content_block_start" => AnthropicSseKind.ContentBlockStart,
        "content_block_stop" => AnthropicSseKind.ContentBlockStop,
        "message_start" => AnthropicSseKind.MessageStart,
        "message_delta" => AnthropicSseKind.MessageDelta,
        "message_stop" => AnthropicSseKind.MessageStop,
        "ping" => AnthropicSseKind.Ping,
        "error" => AnthropicSseKind.Error,
        _ => AnthropicSseKind.Unknown,
    };

    private static string? NameOf(AnthropicSseKind kind) => kind switch
    {
        AnthropicSseKind.ContentBlockDelta => "content_block_delta",
        AnthropicSseKind.ContentBlockStart => "content_block_start",
        AnthropicSseKind.ContentBlockStop => "content_block_stop",
        AnthropicSseKind.MessageStart => "message_start",
        AnthropicSseKind.MessageDelta => "message_delta",
        AnthropicSseKind.MessageStop => "message_stop",
        AnthropicSseKind.Ping => "ping",
        AnthropicSseKind.Error => "error",
        _ => null,
    };
}
