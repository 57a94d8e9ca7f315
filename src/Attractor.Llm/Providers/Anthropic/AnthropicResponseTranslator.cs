// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Translates a Messages API response (a <c>message</c> object) into a unified <see cref="Response"/>.</summary>
internal static class AnthropicResponseTranslator
{
    /// <summary>The provider name, also recorded on thinking parts so they are only ever sent back to Anthropic.</summary>
    public const string Provider = "anthropic";

    /// <summary>The characters per token used to estimate reasoning tokens from thinking text.</summary>
    public const int CharactersPerToken = 4;

    /// <summary>Translates a message.</summary>
    /// <param name="message">The <c>message</c> JSON.</param>
    /// <param name="rateLimit">The rate-limit headers.</param>
    /// <param name="warnings">Warnings from request translation.</param>
    /// <returns>The response (its raw JSON is a copy of <paramref name="message"/>).</returns>
    public static Response Translate(JsonElement message, RateLimitInfo? rateLimit, IReadOnlyList<Warning> warnings)
    {
        var parts = new List<ContentPart>();
        var thinkingCharacters = 0;
        var hasThinking = false;
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                var part = TranslateBlock(block);
                if (part.Kind == ContentKind.Thinking || part.Kind == ContentKind.RedactedThinking)
                {
                    hasThinking = true;
                    thinkingCharacters += part.Kind == ContentKind.Thinking ? part.Thinking!.Text.Length : 0;
                }

                parts.Add(part);
            }
        }

        var usage = message.TryGetProperty("usage", out var usageElement) && usageElement.ValueKind == JsonValueKind.Object
            ? TranslateUsage(usageElement, hasThinking ? thinkingCharacters : null)
            : Usage.Empty;
        return new Response
        {
            Id = String(message, "id") ?? string.Empty,
            Model = String(message, "model") ?? string.Empty,
            Provider = Provider,
            Message = new Message(Role.Assistant, parts),
            FinishReason = MapStopReason(String(message, "stop_reason")),
            Usage = usage,
            Raw = message.Clone(),
            Warnings = warnings,
            RateLimit = rateLimit,
        };
    }

    /// <summary>Translates one content block; kinds this library does not model become custom parts holding the block's JSON.</summary>
    /// <param name="block">The block.</param>
    /// <returns>The part.</returns>
    public static ContentPart TranslateBlock(JsonElement block)
    {
        var type = String(block, "type");
        return type switch
        {
            "text" => ContentPart.FromText(String(block, "text") ?? string.Empty),
            "tool_use" => ContentPart.FromToolCall(new ToolCallData(
                String(block, "id") ?? string.Empty,
                String(block, "name") ?? string.Empty,
                block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}")),
            "thinking" => ContentPart.FromThinking(new ThinkingData(String(block, "thinking") ?? string.Empty, String(block, "signature")) { Provider = Provider }),
            "redacted_thinking" => ContentPart.FromThinking(new ThinkingData(String(block, "data") ?? string.Empty, null, Redacted: true) { Provider = Provider }),
            _ => ContentPart.FromCustom(new ContentKind(type ?? "unknown"), block.GetRawText()),
        };
    }

    /// <summary>Maps <c>stop_reason</c> (spec §3.8).</summary>
    /// <param name="raw">The provider's value.</param>
    /// <returns>The unified reason with the raw value kept.</returns>
    public static FinishReason MapStopReason(string? raw) => new(
        raw switch
        {
            "end_turn" or "stop_sequence" => FinishReason.Stop,
            "max_tokens" or "model_context_window_exceeded" => FinishReason.Length,
            "tool_use" => FinishReason.ToolCalls,
            "refusal" => FinishReason.ContentFilter,
            _ => FinishReason.Other,
        },
        raw);

    /// <summary>
    /// Translates <c>usage</c>. Anthropic's <c>input_tokens</c> counts only the uncached part of the prompt, so
    /// <see cref="Usage.InputTokens"/> adds the cache reads and writes to it: the whole prompt, as OpenAI and Gemini
    /// report it, which keeps <see cref="Usage.CacheReadTokens"/> a share of <see cref="Usage.InputTokens"/>.
    /// </summary>
    /// <param name="usage">The usage object.</param>
    /// <param name="thinkingCharacters">The length of the visible thinking text, or null when there was no thinking.</param>
    /// <returns>The usage.</returns>
    public static Usage TranslateUsage(JsonElement usage, int? thinkingCharacters)
    {
        var uncached = Int(usage, "input_tokens") ?? 0;
        var cacheRead = Int(usage, "cache_read_input_tokens");
        var cacheWrite = Int(usage, "cache_creation_input_tokens");
        var input = uncached + (cacheRead ?? 0) + (cacheWrite ?? 0);
        var output = Int(usage, "output_tokens") ?? 0;
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = input + output,
            ReasoningTokens = thinkingCharacters is { } characters ? EstimateReasoningTokens(characters, output) : null,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            Raw = usage.Clone(),
        };
    }

    /// <summary>
    /// Estimates reasoning tokens from the thinking text: one token per <see cref="CharactersPerToken"/> characters,
    /// rounded up, never more than the output tokens (which include the thinking). Anthropic reports no exact count.
    /// </summary>
    /// <param name="characters">The thinking text's length in UTF-16 characters.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The estimate.</returns>
    public static int EstimateReasoningTokens(int characters, int outputTokens)
    {
        var estimate = (characters + CharactersPerToken - 1) / CharactersPerToken;
        return outputTokens > 0 ? Math.Min(estimate, outputTokens) : estimate;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
