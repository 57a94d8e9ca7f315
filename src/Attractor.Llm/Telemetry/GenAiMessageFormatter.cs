// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Renders messages in the GenAI conventions' JSON shape (<c>[{"role":..,"parts":[{"type":"text","content":..}]}]</c>)
/// for the opt-in content attributes and content logs. Media bytes are never included, only their type.
/// </summary>
internal static class GenAiMessageFormatter
{
    /// <summary>Renders input messages.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The JSON text.</returns>
    public static string Input(IEnumerable<Message> messages) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var message in messages)
        {
            WriteMessage(writer, message, finishReason: null);
        }

        writer.WriteEndArray();
    });

    /// <summary>Renders the output message of a response.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The JSON text.</returns>
    public static string Output(Response response) => Write(writer =>
    {
        writer.WriteStartArray();
        WriteMessage(writer, response.Message, response.FinishReason.Reason);
        writer.WriteEndArray();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteMessage(Utf8JsonWriter writer, Message message, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("role", message.Role.ToString().ToLowerInvariant());
        writer.WriteStartArray("parts");
        foreach (var part in message.Content)
        {
            writer.WriteStartObject();
            if (part.Kind == ContentKind.Text)
            {
                writer.WriteString("type", "text");
                writer.WriteString("content", part.Text);
            }
            else if (part.Kind == ContentKind.ToolCall && part.ToolCall is { } call)
            {
                writer.WriteString("type", "tool_call");
                writer.WriteString("id", call.Id);
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments);
            }
            else if (part.Kind == ContentKind.ToolResult && part.ToolResult is { } result)
            {
                writer.WriteString("type", "tool_call_response");
                writer.WriteString("id", result.ToolCallId);
                writer.WriteString("result", result.ContentText);
            }
            else if (part.Kind == ContentKind.Thinking && part.Thinking is { } thinking)
            {
                writer.WriteString("type", "reasoning");
                writer.WriteString("content", thinking.Text);
            }
            else
            {
                writer.WriteString("type", part.Kind.Value);
                if ((part.Image?.MediaType ?? part.Audio?.MediaType ?? part.Document?.MediaType) is { } mediaType)
                {
                    writer.WriteString("mime_type", mediaType);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (finishReason is not null)
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
    }
}
