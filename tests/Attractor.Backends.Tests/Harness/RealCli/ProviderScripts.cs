// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm.FakeProvider;

namespace Attractor.Backends.Tests.Harness.RealCli;

/// <summary>The fake provider's answers in each CLI's wire format: Anthropic Messages, OpenAI Responses, Gemini.</summary>
internal static class ProviderScripts
{
    public const string ToolMarker = "hi-from-tool";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Gets whether a request carries a tool result (so the conversation is past the tool call).</summary>
    public static bool HasToolResult(RecordedRequest request) =>
        request.Body.Contains("tool_result", StringComparison.Ordinal)
        || request.Body.Contains("function_call_output", StringComparison.Ordinal)
        || request.Body.Contains("functionResponse", StringComparison.Ordinal);

    public static FakeResponse Text(string cli, string text, TimeSpan? delayBetweenEvents = null, int repeat = 1)
    {
        var pieces = Enumerable.Repeat(text, repeat).ToList();
        var response = cli switch
        {
            HarnessNames.ClaudeCode => FakeResponse.Sse([
                Anthropic("message_start", new { type = "message_start", message = new { id = "msg_t", type = "message", role = "assistant", model = "claude-sonnet-4-5", content = Array.Empty<object>(), stop_reason = (string?)null, usage = new { input_tokens = 12, output_tokens = 1 } } }),
                Anthropic("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = string.Empty } }),
                .. pieces.Select(piece => Anthropic("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } })),
                Anthropic("content_block_stop", new { type = "content_block_stop", index = 0 }),
                Anthropic("message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn" }, usage = new { output_tokens = 7 } }),
                Anthropic("message_stop", new { type = "message_stop" }),
            ]),
            HarnessNames.Codex => FakeResponse.Sse([
                OpenAi("response.created", new { type = "response.created", response = new { id = "resp_t", status = "in_progress", output = Array.Empty<object>() } }),
                OpenAi("response.output_item.added", new { type = "response.output_item.added", output_index = 0, item = new { id = "msg_t", type = "message", status = "in_progress", role = "assistant", content = Array.Empty<object>() } }),
                .. pieces.Select(piece => OpenAi("response.output_text.delta", new { type = "response.output_text.delta", item_id = "msg_t", output_index = 0, content_index = 0, delta = piece })),
                OpenAi("response.output_item.done", new { type = "response.output_item.done", output_index = 0, item = new { id = "msg_t", type = "message", status = "completed", role = "assistant", content = new[] { new { type = "output_text", text = string.Concat(pieces), annotations = Array.Empty<object>() } } } }),
                OpenAi("response.completed", new { type = "response.completed", response = new { id = "resp_t", status = "completed", output = Array.Empty<object>(), usage = new { input_tokens = 20, output_tokens = 6, total_tokens = 26 } } }),
            ]),
            _ => FakeResponse.Sse([
                .. pieces.Select((piece, index) => Gemini(new
                {
                    candidates = new[] { new { content = new { parts = new[] { new { text = piece } }, role = "model" }, finishReason = index == pieces.Count - 1 ? "STOP" : null, index = 0 } },
                    usageMetadata = new { promptTokenCount = 30, candidatesTokenCount = 5, totalTokenCount = 35 },
                })),
            ]),
        };
        return delayBetweenEvents is { } delay ? response with { DelayBetweenEvents = delay } : response;
    }

    /// <summary>A response that calls the CLI's shell (Claude Code, Codex) or directory-listing (Gemini CLI) tool.</summary>
    public static FakeResponse ToolCall(string cli)
    {
        const string Command = "echo " + ToolMarker + " > made-by-tool.txt; echo " + ToolMarker;
        return cli switch
        {
            HarnessNames.ClaudeCode => FakeResponse.Sse([
                Anthropic("message_start", new { type = "message_start", message = new { id = "msg_tool", type = "message", role = "assistant", model = "claude-sonnet-4-5", content = Array.Empty<object>(), stop_reason = (string?)null, usage = new { input_tokens = 20, output_tokens = 1 } } }),
                Anthropic("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id = "toolu_1", name = "Bash", input = new { } } }),
                Anthropic("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = JsonSerializer.Serialize(new { command = Command, description = "echo" }) } }),
                Anthropic("content_block_stop", new { type = "content_block_stop", index = 0 }),
                Anthropic("message_delta", new { type = "message_delta", delta = new { stop_reason = "tool_use" }, usage = new { output_tokens = 15 } }),
                Anthropic("message_stop", new { type = "message_stop" }),
            ]),
            HarnessNames.Codex => FakeResponse.Sse([
                OpenAi("response.created", new { type = "response.created", response = new { id = "resp_tool", status = "in_progress", output = Array.Empty<object>() } }),
                OpenAi("response.output_item.done", new { type = "response.output_item.done", output_index = 0, item = new { type = "function_call", id = "fc_1", call_id = "call_1", name = "exec_command", arguments = JsonSerializer.Serialize(new { cmd = Command }), status = "completed" } }),
                OpenAi("response.completed", new { type = "response.completed", response = new { id = "resp_tool", status = "completed", output = Array.Empty<object>(), usage = new { input_tokens = 20, output_tokens = 6, total_tokens = 26 } } }),
            ]),
            _ => FakeResponse.Sse([
                Gemini(new
                {
                    candidates = new[] { new { content = new { parts = new[] { new { functionCall = new { name = "list_directory", args = new { dir_path = "." } } } }, role = "model" }, finishReason = "STOP", index = 0 } },
                    usageMetadata = new { promptTokenCount = 30, candidatesTokenCount = 4, totalTokenCount = 34 },
                }),
            ]),
        };
    }

    public static FakeResponse Error(int status) =>
        FakeResponse.Error(status, status == 401
            ? """{"error":{"message":"invalid x-api-key","type":"authentication_error","code":401,"status":"UNAUTHENTICATED"}}"""
            : """{"error":{"message":"overloaded","type":"overloaded_error","code":503,"status":"UNAVAILABLE"}}""");

    private static SseEvent Anthropic(string name, object data) => new(name, JsonSerializer.Serialize(data, Json));

    private static SseEvent OpenAi(string name, object data) => new(name, JsonSerializer.Serialize(data, Json));

    private static SseEvent Gemini(object data) => new(null, JsonSerializer.Serialize(data, Json));
}
