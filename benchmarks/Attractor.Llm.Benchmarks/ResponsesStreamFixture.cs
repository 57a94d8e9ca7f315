// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// A realistic OpenAI Responses SSE stream, generated once: response.created/in_progress, a message item streamed as
/// many output_text.delta events (with logprobs and obfuscation fields as OpenAI sends them), the *.done events that
/// repeat the whole text, a function call streamed as argument deltas, and response.completed with the full output
/// and usage.
/// </summary>
public sealed class ResponsesStreamFixture
{
    private static readonly string[] Words =
    [
        "the", "stream", "decoder", "reads", "each", "event", "from", "UTF-8", "bytes", "and", "turns", "deltas", "into",
        "text", "while", "a", "model", "writes", "about", "compilers,", "graphs", "pipelines.", "Naïve", "résumé", "—",
        "\"quoted\"", "tokens", "arrive", "in", "small", "pieces;", "some", "are", "longer", "words", "like", "internationalization",
        "\n\n", "1.", "2.", "`code`", "{json}", "über", "日本語", "emoji", "🙂",
    ];

    private ResponsesStreamFixture(byte[] bytes, int events, int textDeltas, string text)
    {
        Bytes = bytes;
        Events = events;
        TextDeltas = textDeltas;
        Text = text;
    }

    /// <summary>Gets the stream as sent on the wire.</summary>
    public byte[] Bytes { get; }

    /// <summary>Gets the number of SSE events.</summary>
    public int Events { get; }

    /// <summary>Gets the number of output_text.delta events.</summary>
    public int TextDeltas { get; }

    /// <summary>Gets the streamed text.</summary>
    public string Text { get; }

    /// <summary>Generates a stream of about <paramref name="targetBytes"/> bytes.</summary>
    /// <param name="targetBytes">The approximate size.</param>
    /// <returns>The fixture.</returns>
    public static ResponsesStreamFixture Generate(int targetBytes)
    {
        var random = new Random(42);
        var wire = new StringBuilder(targetBytes + 4096);
        var text = new StringBuilder();
        var events = 0;
        var sequence = 0;
        const string responseId = "resp_68f0a1b2c3d48193a0b1c2d3e4f5061728394a5b";
        const string messageId = "msg_68f0a1b3d4e58193b1c2d3e4f5061728394a5b6c";
        const string callItemId = "fc_68f0a1b4e5f68193c2d3e4f5061728394a5b6c7d";
        const string callId = "call_Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1";
        const string model = "gpt-5.2-2025-12-11";

        void Add(string type, string json)
        {
            wire.Append("event: ").Append(type).Append("\ndata: ").Append(json).Append("\n\n");
            events++;
            sequence++;
        }

        string Quote(string value) => JsonSerializer.Serialize(value);
        string Obfuscation() => new('x', random.Next(2, 14));

        var inProgress = $$$"""{"id":"{{{responseId}}}","object":"response","created_at":1760000000,"status":"in_progress","error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"{{{model}}}","output":[],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"low","summary":null},"store":true,"temperature":1.0,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":null,"user":null,"metadata":{}}""";
        Add("response.created", $$$"""{"type":"response.created","sequence_number":{{{sequence}}},"response":{{{inProgress}}}}""");
        Add("response.in_progress", $$$"""{"type":"response.in_progress","sequence_number":{{{sequence}}},"response":{{{inProgress}}}}""");
        Add("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":{{{sequence}}},"output_index":0,"item":{"id":"{{{messageId}}}","type":"message","status":"in_progress","content":[],"role":"assistant"}}""");
        Add("response.content_part.added", $$$"""{"type":"response.content_part.added","sequence_number":{{{sequence}}},"item_id":"{{{messageId}}}","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}""");

        var deltas = 0;

        // The text appears five times (deltas, output_text.done, content_part.done, output_item.done, completed): size the deltas so the whole lands near the target.
        while (wire.Length < targetBytes * 0.82)
        {
            var delta = (text.Length == 0 || random.Next(4) == 0 ? string.Empty : " ") + Words[random.Next(Words.Length)];
            text.Append(delta);
            Add("response.output_text.delta", $$$"""{"type":"response.output_text.delta","sequence_number":{{{sequence}}},"item_id":"{{{messageId}}}","output_index":0,"content_index":0,"delta":{{{Quote(delta)}}},"logprobs":[],"obfuscation":"{{{Obfuscation()}}}"}""");
            deltas++;
        }

        var full = Quote(text.ToString());
        var messageDone = $$$"""{"id":"{{{messageId}}}","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":{{{full}}}}],"role":"assistant"}""";
        Add("response.output_text.done", $$$"""{"type":"response.output_text.done","sequence_number":{{{sequence}}},"item_id":"{{{messageId}}}","output_index":0,"content_index":0,"text":{{{full}}},"logprobs":[]}""");
        Add("response.content_part.done", $$$"""{"type":"response.content_part.done","sequence_number":{{{sequence}}},"item_id":"{{{messageId}}}","output_index":0,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":{{{full}}}}}""");
        Add("response.output_item.done", $$$"""{"type":"response.output_item.done","sequence_number":{{{sequence}}},"output_index":0,"item":{{{messageDone}}}}""");

        Add("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":{{{sequence}}},"output_index":1,"item":{"id":"{{{callItemId}}}","type":"function_call","status":"in_progress","arguments":"","call_id":"{{{callId}}}","name":"write_file"}}""");
        string[] argumentPieces = ["{\"", "path", "\":\"", "src/", "Program", ".cs", "\",\"", "content", "\":\"", "// generated", "\\n", "class", " App", " {}", "\"}"];
        foreach (var piece in argumentPieces)
        {
            Add("response.function_call_arguments.delta", $$$"""{"type":"response.function_call_arguments.delta","sequence_number":{{{sequence}}},"item_id":"{{{callItemId}}}","output_index":1,"delta":{{{Quote(piece)}}},"obfuscation":"{{{Obfuscation()}}}"}""");
        }

        var arguments = Quote(string.Concat(argumentPieces));
        var callDone = $$$"""{"id":"{{{callItemId}}}","type":"function_call","status":"completed","arguments":{{{arguments}}},"call_id":"{{{callId}}}","name":"write_file"}""";
        Add("response.function_call_arguments.done", $$$"""{"type":"response.function_call_arguments.done","sequence_number":{{{sequence}}},"item_id":"{{{callItemId}}}","output_index":1,"arguments":{{{arguments}}}}""");
        Add("response.output_item.done", $$$"""{"type":"response.output_item.done","sequence_number":{{{sequence}}},"output_index":1,"item":{{{callDone}}}}""");
        var completed = $$$"""{"id":"{{{responseId}}}","object":"response","created_at":1760000000,"status":"completed","error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"{{{model}}}","output":[{{{messageDone}}},{{{callDone}}}],"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"low","summary":null},"store":true,"temperature":1.0,"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{"input_tokens":1843,"input_tokens_details":{"cached_tokens":1536},"output_tokens":{{{deltas + 40}}},"output_tokens_details":{"reasoning_tokens":24},"total_tokens":{{{deltas + 1883}}}},"user":null,"metadata":{}}""";
        Add("response.completed", $$$"""{"type":"response.completed","sequence_number":{{{sequence}}},"response":{{{completed}}}}""");

        return new ResponsesStreamFixture(Encoding.UTF8.GetBytes(wire.ToString()), events, deltas, text.ToString());
    }
}
