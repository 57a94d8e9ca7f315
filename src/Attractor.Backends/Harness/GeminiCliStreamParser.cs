// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Backends.Harness;

/// <summary>
/// Parses <c>gemini -p ... --output-format stream-json</c>: <c>init</c> (session, model), <c>message</c>
/// (role, content, delta), <c>tool_use</c>, <c>tool_result</c>, <c>error</c> and <c>result</c> (status, error, stats).
/// </summary>
internal sealed class GeminiCliStreamParser : HarnessStreamParser
{
    public GeminiCliStreamParser(HarnessTurn turn)
        : base(turn)
    {
    }

    protected override bool Parse(string type, JsonElement root, List<BackendEvent> output)
    {
        switch (type)
        {
            case "init":
                Turn.SetSession(Str(root, "session_id"));
                Turn.SetModel(Str(root, "model"));
                return true;
            case "message":
                if (Str(root, "role") == "assistant" && Str(root, "content") is { Length: > 0 } text)
                {
                    Turn.AppendText(text);
                    output.Add(new BackendDelta(Turn.Source, text));
                }

                return true;
            case "tool_use":
                Turn.ResetText();
                output.Add(new BackendToolCall(Turn.Source, Str(root, "tool_id") ?? string.Empty, Str(root, "tool_name") ?? string.Empty, Raw(root, "parameters")));
                return true;
            case "tool_result":
                var failed = Str(root, "status") is { } status && status != "success";
                var result = Str(root, "output") ?? (Obj(root, "error") is { } error ? Str(error, "message") : null) ?? string.Empty;
                output.Add(new BackendToolResult(Turn.Source, Str(root, "tool_id") ?? string.Empty, result, failed));
                return true;
            case "error":
                Turn.LastErrorMessage = Str(root, "message") ?? Turn.LastErrorMessage;
                return false;
            case "result":
                ParseResult(root);
                return true;
            default:
                return false;
        }
    }

    private void ParseResult(JsonElement root)
    {
        Turn.Finished = true;
        if (Obj(root, "stats") is { } stats)
        {
            Turn.Usage = new BackendUsage(Long(stats, "input_tokens") ?? 0, Long(stats, "output_tokens") ?? 0)
            {
                CachedInputTokens = Long(stats, "cached"),
            };
        }

        if (Str(root, "status") != "success")
        {
            var error = Obj(root, "error");
            Turn.FailureMessage = (error is { } e ? Str(e, "message") : null) ?? Turn.LastErrorMessage ?? "Gemini CLI reported status " + (Str(root, "status") ?? "unknown");
        }
    }
}
