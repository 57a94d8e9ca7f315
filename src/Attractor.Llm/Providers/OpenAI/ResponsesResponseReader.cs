// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Translates a Responses API response object into a unified <see cref="Response"/>. The non-streaming body and
/// the <c>response</c> of a stream's <c>response.completed</c> event go through the same code, so streaming and
/// non-streaming calls give the same answer.
/// </summary>
internal static class ResponsesResponseReader
{
    /// <summary>Reads a response.</summary>
    /// <param name="response">The response object.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="outputOverride">Output items to use when the response object carries none (some proxies strip them from stream events).</param>
    /// <param name="warnings">Warnings from the request translation.</param>
    /// <param name="rateLimit">The rate-limit headers.</param>
    /// <returns>The unified response.</returns>
    public static Response Read(JsonElement response, string provider, IReadOnlyList<JsonElement>? outputOverride, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit)
    {
        var parts = new List<ContentPart>();
        var hasToolCalls = false;
        if (response.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array && output.GetArrayLength() > 0)
        {
            foreach (var item in output.EnumerateArray())
            {
                hasToolCalls |= ReadItem(item, parts);
            }
        }
        else if (outputOverride is not null)
        {
            foreach (var item in outputOverride)
            {
                hasToolCalls |= ReadItem(item, parts);
            }
        }

        return new Response
        {
            Id = OpenAIWire.String(response, "id") ?? string.Empty,
            Model = OpenAIWire.String(response, "model") ?? string.Empty,
            Provider = provider,
            Message = new Message(Role.Assistant, parts),
            FinishReason = FinishReasonOf(response, hasToolCalls),
            Usage = response.TryGetProperty("usage", out var usage)
                ? OpenAIWire.ReadUsage(usage, "input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details")
                : Usage.Empty,
            Raw = response.Clone(),
            Warnings = warnings,
            RateLimit = rateLimit,
        };
    }

    /// <summary>Appends the parts of one output item; returns whether it is a tool call.</summary>
    internal static bool ReadItem(JsonElement item, List<ContentPart> parts)
    {
        switch (OpenAIWire.String(item, "type"))
        {
            case "message":
                if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
                {
                    foreach (var piece in content.EnumerateArray())
                    {
                        // A refusal is what the model said instead of an answer: surface it as the text.
                        var text = OpenAIWire.String(piece, "type") switch
                        {
                            "output_text" => OpenAIWire.String(piece, "text"),
                            "refusal" => OpenAIWire.String(piece, "refusal"),
                            _ => null,
                        };
                        if (text is not null)
                        {
                            parts.Add(ContentPart.FromText(text));
                        }
                    }
                }

                return false;
            case "function_call":
                parts.Add(ContentPart.FromToolCall(new ToolCallData(
                    OpenAIWire.String(item, "call_id") ?? OpenAIWire.String(item, "id") ?? string.Empty,
                    OpenAIWire.String(item, "name") ?? string.Empty,
                    OpenAIWire.String(item, "arguments") ?? string.Empty)));
                return true;
            case "custom_tool_call":
                parts.Add(ContentPart.FromToolCall(new ToolCallData(
                    OpenAIWire.String(item, "call_id") ?? OpenAIWire.String(item, "id") ?? string.Empty,
                    OpenAIWire.String(item, "name") ?? string.Empty,
                    OpenAIWire.String(item, "input") ?? string.Empty,
                    "custom")));
                return true;
            case "reasoning":
                // With include=["reasoning.encrypted_content"] the item carries the reasoning in a form OpenAI accepts
                // back statelessly: keep it (and the id) so the next request can return it. Encrypted reasoning
                // without a summary is opaque: a redacted part, never shown as reasoning text.
                var encrypted = OpenAIWire.String(item, "encrypted_content");
                var id = OpenAIWire.String(item, "id");
                if (ReasoningText(item) is { Length: > 0 } reasoning)
                {
                    parts.Add(ContentPart.FromThinking(new ThinkingData(reasoning, encrypted) { Provider = OpenAIAdapter.ProviderName, Id = id }));
                }
                else if (encrypted is not null)
                {
                    parts.Add(ContentPart.FromThinking(new ThinkingData(encrypted, null, Redacted: true) { Provider = OpenAIAdapter.ProviderName, Id = id }));
                }

                return false;
            default:
                // Built-in tool items (web_search_call, ...) have no unified part; they stay in Raw.
                return false;
        }
    }

    /// <summary>Gets a reasoning item's summary text (and reasoning_text content, which open-weight models send).</summary>
    internal static string? ReasoningText(JsonElement item)
    {
        StringBuilder? builder = null;
        foreach (var name in (ReadOnlySpan<string>)["summary", "content"])
        {
            if (!item.TryGetProperty(name, out var pieces) || pieces.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var piece in pieces.EnumerateArray())
            {
                if (OpenAIWire.String(piece, "text") is { } text)
                {
                    builder ??= new StringBuilder();
                    if (builder.Length > 0)
                    {
                        builder.Append("\n\n");
                    }

                    builder.Append(text);
                }
            }
        }

        return builder?.ToString();
    }

    private static FinishReason FinishReasonOf(JsonElement response, bool hasToolCalls)
    {
        var status = OpenAIWire.String(response, "status");
        switch (status)
        {
            case "incomplete":
                var reason = response.TryGetProperty("incomplete_details", out var details) ? OpenAIWire.String(details, "reason") : null;
                return reason switch
                {
                    "max_output_tokens" => new FinishReason(FinishReason.Length, reason),
                    "content_filter" => new FinishReason(FinishReason.ContentFilter, reason),
                    _ => new FinishReason(FinishReason.Other, reason ?? status),
                };
            case "failed":
                return new FinishReason(FinishReason.Error, status);
            case "completed" or null:
                return new FinishReason(hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop, status ?? "completed");
            default:
                return new FinishReason(FinishReason.Other, status);
        }
    }
}
