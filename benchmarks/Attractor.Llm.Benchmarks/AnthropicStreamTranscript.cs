// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// A generated Anthropic Messages stream of about 2 MB in the documented wire format: message_start, a text block of
/// many text_delta events (with pings, escapes and non-ASCII text mixed in), a tool_use block streamed as
/// input_json_delta fragments, message_delta with usage, message_stop.
/// </summary>
internal static class AnthropicStreamTranscript
{
    private static readonly (string Text, int Events, int TextDeltas) Generated = Generate(2_000_000);

    /// <summary>Gets the transcript text.</summary>
    public static string Text => Generated.Text;

    /// <summary>Gets the UTF-8 size of the transcript.</summary>
    public static int Bytes { get; } = Encoding.UTF8.GetByteCount(Generated.Text);

    /// <summary>Gets the number of SSE events in the transcript.</summary>
    public static int Events => Generated.Events;

    /// <summary>Gets the number of text_delta events.</summary>
    public static int TextDeltas => Generated.TextDeltas;

    private static (string Text, int Events, int TextDeltas) Generate(int targetBytes)
    {
        var random = new Random(42);
        var builder = new StringBuilder(targetBytes + 4096);
        var events = 0;
        var textDeltas = 0;
        void Add(string name, string data)
        {
            builder.Append("event: ").Append(name).Append('\n').Append("data: ").Append(data).Append("\n\n");
            events++;
        }

        Add("message_start", """{"type":"message_start","message":{"id":"msg_01BenchmarkStream000000001","type":"message","role":"assistant","content":[],"model":"claude-opus-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":2048,"cache_creation_input_tokens":0,"cache_read_input_tokens":1800,"output_tokens":1}}}""");
        Add("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
        var words = new StringBuilder();
        while (builder.Length < targetBytes - 4096)
        {
            words.Clear();
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                words.Append(' ').Append(TranscriptWords.Words[random.Next(TranscriptWords.Words.Count)]);
            }

            Add("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""" + JsonSerializer.Serialize(words.ToString()) + "}}");
            textDeltas++;
            if (textDeltas % 500 == 0)
            {
                Add("ping", """{"type": "ping"}""");
            }
        }

        Add("content_block_stop", """{"type":"content_block_stop","index":0}""");
        Add("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01BenchmarkTool0000000001","name":"get_weather","input":{}}}""");
        foreach (var fragment in new[] { "", "{\"location\":", " \"San Francisco,", " CA\", \"unit\":", " \"fahrenheit\"}" })
        {
            Add("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""" + JsonSerializer.Serialize(fragment) + "}}");
        }

        Add("content_block_stop", """{"type":"content_block_stop","index":1}""");
        Add("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":180000}}""");
        Add("message_stop", """{"type":"message_stop"}""");
        return (builder.ToString(), events, textDeltas);
    }
}
