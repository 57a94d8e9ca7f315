// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Builds unified responses from Chat Completions answers. The non-streaming body and the accumulated stream both
/// end in <see cref="Build"/>, so the two give the same response.
/// </summary>
internal static class ChatCompletionsResponseReader
{
    /// <summary>Reads a non-streaming body.</summary>
    public static Response Read(JsonElement body, string provider, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit)
    {
        string? text = null;
        string? reasoning = null;
        string? finish = null;
        var calls = new List<ToolCallData>();
        if (body.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            finish = OpenAIWire.String(choice, "finish_reason");
            if (choice.TryGetProperty("message", out var message))
            {
                text = OpenAIWire.String(message, "content");
                reasoning = OpenAIWire.String(message, "reasoning_content") ?? OpenAIWire.String(message, "reasoning");
                if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in toolCalls.EnumerateArray())
                    {
                        var function = call.TryGetProperty("function", out var f) ? f : default;
                        calls.Add(new ToolCallData(OpenAIWire.String(call, "id") ?? string.Empty, OpenAIWire.String(function, "name") ?? string.Empty, OpenAIWire.String(function, "arguments") ?? string.Empty));
                    }
                }
            }
        }

        return Build(
            OpenAIWire.String(body, "id") ?? string.Empty,
            OpenAIWire.String(body, "model") ?? string.Empty,
            provider,
            reasoning,
            text,
            calls,
            finish,
            Usage(body),
            body.Clone(),
            warnings,
            rateLimit);
    }

    /// <summary>Reads the <c>usage</c> of a body or chunk.</summary>
    public static Usage? Usage(JsonElement body) =>
        body.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
            ? OpenAIWire.ReadUsage(usage, "prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details")
            : null;

    /// <summary>Assembles a response: reasoning first, then text, then tool calls.</summary>
    public static Response Build(
        string id,
        string model,
        string provider,
        string? reasoning,
        string? text,
        IReadOnlyList<ToolCallData> calls,
        string? finishReason,
        Usage? usage,
        JsonElement? raw,
        IReadOnlyList<Warning> warnings,
        RateLimitInfo? rateLimit)
    {
        var parts = new List<ContentPart>();
        if (!string.IsNullOrEmpty(reasoning))
        {
            parts.Add(ContentPart.FromThinking(new ThinkingData(reasoning) { Provider = provider }));
        }

        if (!string.IsNullOrEmpty(text))
        {
            parts.Add(ContentPart.FromText(text));
        }

        parts.AddRange(calls.Select(ContentPart.FromToolCall));
        return new Response
        {
            Id = id,
            Model = model,
            Provider = provider,
            Message = new Message(Role.Assistant, parts),
            FinishReason = MapFinishReason(finishReason, calls.Count > 0),
            Usage = usage ?? Attractor.Llm.Usage.Empty,
            Raw = raw,
            Warnings = warnings,
            RateLimit = rateLimit,
        };
    }

    private static FinishReason MapFinishReason(string? raw, bool hasToolCalls) => raw switch
    {
        "stop" or "eos" => new FinishReason(hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop, raw),
        "length" => new FinishReason(FinishReason.Length, raw),
        "tool_calls" or "function_call" => new FinishReason(FinishReason.ToolCalls, raw),
        "content_filter" => new FinishReason(FinishReason.ContentFilter, raw),
        null => new FinishReason(hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop, null),
        _ => new FinishReason(FinishReason.Other, raw),
    };
}
