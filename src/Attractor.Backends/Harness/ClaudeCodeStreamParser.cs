// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Backends.Harness;

/// <summary>
/// Parses <c>claude -p --output-format stream-json --verbose [--include-partial-messages]</c>: <c>system</c>/<c>init</c>
/// (session, model), <c>stream_event</c> (raw Anthropic SSE events: text and thinking deltas), <c>assistant</c>
/// (one message per content block: text, thinking, tool_use), <c>user</c> (tool_result) and <c>result</c>
/// (final text, usage, cost, <c>is_error</c>, <c>api_error_status</c>).
/// </summary>
/// <remarks>
/// With partial messages the text and thinking of a message arrive twice: as deltas, then whole in the
/// <c>assistant</c> line. The deltas win; the whole block is emitted only for messages that were not streamed.
/// </remarks>
internal sealed class ClaudeCodeStreamParser : HarnessStreamParser
{
    private readonly HashSet<string> _streamed = new(StringComparer.Ordinal);
    private string? _currentMessageId;

    public ClaudeCodeStreamParser(HarnessTurn turn)
        : base(turn)
    {
    }

    protected override bool Parse(string type, JsonElement root, List<BackendEvent> output)
    {
        Turn.SetSession(Str(root, "session_id"));
        switch (type)
        {
            case "system":
                return ParseSystem(root);
            case "stream_event":
                ParseStreamEvent(root, output);
                return true;
            case "assistant":
                ParseAssistant(root, output);
                return true;
            case "user":
                ParseUser(root, output);
                return true;
            case "result":
                ParseResult(root);
                return true;
            default:
                return false;
        }
    }

    private bool ParseSystem(JsonElement root)
    {
        switch (Str(root, "subtype"))
        {
            case "init":
                Turn.SetModel(Str(root, "model"));
                return true;
            case "status" or "ui_invalidate" or "thinking_tokens":
                return true;
            default:
                // api_retry, hooks, compaction, ...: worth keeping as notices.
                return false;
        }
    }

    private void ParseStreamEvent(JsonElement root, List<BackendEvent> output)
    {
        if (Obj(root, "event") is not { } sse)
        {
            return;
        }

        var messageId = Str(root, "api_message_id");
        switch (Str(sse, "type"))
        {
            case "message_start":
                _currentMessageId = Obj(sse, "message") is { } message ? Str(message, "id") : messageId;
                break;
            case "content_block_delta" when Obj(sse, "delta") is { } delta:
                var id = messageId ?? _currentMessageId ?? string.Empty;
                switch (Str(delta, "type"))
                {
                    case "text_delta" when Str(delta, "text") is { Length: > 0 } text:
                        _streamed.Add(id + "/text");
                        Turn.AppendText(text);
                        output.Add(new BackendDelta(Turn.Source, text));
                        break;
                    case "thinking_delta" when Str(delta, "thinking") is { Length: > 0 } thinking:
                        _streamed.Add(id + "/thinking");
                        output.Add(new BackendThinking(Turn.Source, thinking));
                        break;
                }

                break;
        }
    }

    private void ParseAssistant(JsonElement root, List<BackendEvent> output)
    {
        if (Obj(root, "message") is not { } message)
        {
            return;
        }

        // The CLI reports a provider error as a synthetic assistant message, then as an is_error result.
        if (Bool(root, "is_api_error_message") || Str(message, "model") == "<synthetic>")
        {
            return;
        }

        Turn.SetModel(Str(message, "model"));
        var messageId = Str(message, "id") ?? string.Empty;
        if (Arr(message, "content") is not { } content)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            switch (Str(block, "type"))
            {
                case "text" when Str(block, "text") is { } text:
                    if (!_streamed.Contains(messageId + "/text"))
                    {
                        Turn.AppendText(text);
                        output.Add(new BackendDelta(Turn.Source, text));
                    }

                    break;
                case "thinking" when Str(block, "thinking") is { } thinking:
                    if (!_streamed.Contains(messageId + "/thinking"))
                    {
                        output.Add(new BackendThinking(Turn.Source, thinking));
                    }

                    break;
                case "tool_use":
                    Turn.ResetText();
                    output.Add(new BackendToolCall(Turn.Source, Str(block, "id") ?? string.Empty, Str(block, "name") ?? string.Empty, Raw(block, "input")));
                    break;
            }
        }
    }

    private void ParseUser(JsonElement root, List<BackendEvent> output)
    {
        if (Obj(root, "message") is not { } message || Arr(message, "content") is not { } content)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (Str(block, "type") == "tool_result")
            {
                output.Add(new BackendToolResult(Turn.Source, Str(block, "tool_use_id") ?? string.Empty, ToolResultText(block), Bool(block, "is_error")));
            }
        }
    }

    private void ParseResult(JsonElement root)
    {
        Turn.Finished = true;
        var usage = Obj(root, "usage");
        var cost = root.TryGetProperty("total_cost_usd", out var costValue) && costValue.ValueKind == JsonValueKind.Number && costValue.TryGetDecimal(out var dollars) ? dollars : (decimal?)null;
        if (usage is { } u)
        {
            Turn.Usage = new BackendUsage(Long(u, "input_tokens") ?? 0, Long(u, "output_tokens") ?? 0)
            {
                CachedInputTokens = Long(u, "cache_read_input_tokens"),
                ReasoningTokens = Obj(u, "output_tokens_details") is { } details ? Long(details, "thinking_tokens") : null,
                CostUsd = cost,
            };
        }

        var text = Str(root, "result");
        if (Bool(root, "is_error") || (Str(root, "subtype") is { } subtype && subtype != "success"))
        {
            Turn.FailureMessage = text ?? Str(root, "subtype") ?? "Claude Code reported an error";
            Turn.FailureStatus = Long(root, "api_error_status") is { } status ? (int)status : null;
            return;
        }

        if (text is not null)
        {
            Turn.ResultText = text;
        }
    }

    private static string ToolResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return content.ValueKind == JsonValueKind.Null ? string.Empty : content.GetRawText();
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (Str(part, "text") is { } piece)
            {
                text.Append(piece);
            }
        }

        return text.ToString();
    }
}
