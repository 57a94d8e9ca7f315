// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>One Chat Completions stream event: a parsed chunk, the <c>[DONE]</c> sentinel, or data that is not JSON.</summary>
/// <param name="Document">The chunk (null for <c>[DONE]</c> and malformed data); the consumer disposes it.</param>
/// <param name="Done">Whether this is <c>data: [DONE]</c>.</param>
internal readonly record struct ChatCompletionsChunk(JsonDocument? Document, bool Done)
{
    /// <summary>Parses one event's data.</summary>
    public static ChatCompletionsChunk Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return new(null, true);
        }

        try
        {
            return new(JsonDocument.Parse(data.ToArray()), false);
        }
        catch (JsonException)
        {
            return new(null, false);
        }
    }
}
