// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attractor.Backends.Harness;

/// <summary>
/// Parses <c>codex exec --json</c>: <c>thread.started</c> (thread ID), <c>item.started|updated|completed</c>
/// (agent_message, reasoning, command_execution, file_change, mcp_tool_call, web_search, error),
/// <c>turn.completed</c> (usage), <c>turn.failed</c> and <c>error</c>. Codex sends no text deltas: each agent
/// message arrives whole.
/// </summary>
internal sealed partial class CodexStreamParser : HarnessStreamParser
{
    private readonly HashSet<string> _startedTools = new(StringComparer.Ordinal);

    public CodexStreamParser(HarnessTurn turn)
        : base(turn)
    {
    }

    /// <summary>Finds the HTTP status in Codex's error text (<c>unexpected status 401 Unauthorized: ...</c>).</summary>
    internal static int? StatusIn(string message)
    {
        var match = StatusPattern().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    protected override bool Parse(string type, JsonElement root, List<BackendEvent> output)
    {
        switch (type)
        {
            case "thread.started":
                Turn.SetSession(Str(root, "thread_id"));
                return true;
            case "turn.started":
                return true;
            case "item.started" or "item.updated" or "item.completed":
                return Obj(root, "item") is { } item && ParseItem(type, item, output);
            case "turn.completed":
                Turn.Finished = true;
                if (Obj(root, "usage") is { } usage)
                {
                    Turn.Usage = new BackendUsage(Long(usage, "input_tokens") ?? 0, Long(usage, "output_tokens") ?? 0)
                    {
                        CachedInputTokens = Long(usage, "cached_input_tokens"),
                        ReasoningTokens = Long(usage, "reasoning_output_tokens"),
                    };
                }

                return true;
            case "turn.failed":
                Turn.Finished = true;
                Fail(Obj(root, "error") is { } error ? Str(error, "message") : null);
                return true;
            case "error":
                // Also sent for recoverable trouble (reconnecting); turn.failed or the exit code decides.
                Turn.LastErrorMessage = Str(root, "message") ?? Turn.LastErrorMessage;
                return false;
            default:
                return false;
        }
    }

    private bool ParseItem(string type, JsonElement item, List<BackendEvent> output)
    {
        var id = Str(item, "id") ?? string.Empty;
        var completed = type == "item.completed";
        switch (Str(item, "type"))
        {
            case "agent_message":
                if (completed && Str(item, "text") is { } text)
                {
                    // Each agent message is whole; the last one is the answer.
                    Turn.ReplaceText(text);
                    output.Add(new BackendDelta(Turn.Source, text));
                }

                return true;
            case "reasoning":
                if (completed && Str(item, "text") is { Length: > 0 } reasoning)
                {
                    output.Add(new BackendThinking(Turn.Source, reasoning));
                }

                return true;
            case "command_execution":
                ToolItem(id, "command_execution", completed, output, () => JsonSerializer.Serialize(new Dictionary<string, string?> { ["command"] = Str(item, "command") }), () =>
                    (Str(item, "aggregated_output") ?? string.Empty, Str(item, "status") == "failed" || (Long(item, "exit_code") is { } code && code != 0)));
                return true;
            case "file_change":
                ToolItem(id, "file_change", completed, output, () => "{\"changes\":" + Raw(item, "changes") + "}", () =>
                    (Raw(item, "changes"), Str(item, "status") == "failed"));
                return true;
            case "mcp_tool_call":
                ToolItem(id, (Str(item, "server") ?? "mcp") + "." + (Str(item, "tool") ?? "tool"), completed, output, () => Raw(item, "arguments"), () =>
                    (Obj(item, "error") is { } error ? Str(error, "message") ?? error.GetRawText() : Raw(item, "result"), Str(item, "status") == "failed" || Obj(item, "error") is not null));
                return true;
            case "web_search":
                ToolItem(id, "web_search", completed, output, () => JsonSerializer.Serialize(new Dictionary<string, string?> { ["query"] = Str(item, "query") }), () => (string.Empty, false));
                return true;
            case "todo_list":
                return true;
            case "error":
                // A warning item (e.g. missing model metadata); the turn goes on.
                return false;
            default:
                return false;
        }
    }

    private void ToolItem(string id, string name, bool completed, List<BackendEvent> output, Func<string> arguments, Func<(string Output, bool IsError)> result)
    {
        if (_startedTools.Add(id))
        {
            Turn.ResetText();
            output.Add(new BackendToolCall(Turn.Source, id, name, arguments()));
        }

        if (completed)
        {
            var (text, isError) = result();
            output.Add(new BackendToolResult(Turn.Source, id, text, isError));
        }
    }

    private void Fail(string? message)
    {
        message ??= Turn.LastErrorMessage ?? "Codex reported a failed turn";
        Turn.FailureMessage = message;
        Turn.FailureStatus = StatusIn(message);
    }

    [GeneratedRegex(@"\bstatus:? (\d{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
