// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Maps Gemini's finish reasons and usage metadata, and translates whole <c>generateContent</c> responses.</summary>
internal static class GeminiResponseTranslator
{
    /// <summary>Translates a <c>GenerateContentResponse</c>.</summary>
    /// <param name="root">The response JSON.</param>
    /// <param name="requestedModel">The model the request named (used when the response has no <c>modelVersion</c>).</param>
    /// <param name="warnings">Warnings from the request translation.</param>
    /// <param name="rateLimit">Rate-limit headers, if any.</param>
    /// <returns>The response.</returns>
    public static Response Translate(JsonElement root, string requestedModel, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit)
    {
        var builder = new GeminiResponseBuilder();
        var candidate = FirstCandidate(root);
        if (candidate is { } c && c.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                builder.Append(part, null);
            }
        }

        return Build(builder, root, candidate is { } fc ? FinishReasonOf(fc) : null, BlockReason(root), UsageOf(root), requestedModel, warnings, rateLimit);
    }

    /// <summary>Assembles a response from accumulated parts.</summary>
    /// <param name="builder">The accumulated parts.</param>
    /// <param name="raw">The raw JSON to keep (the response, or a stream's last chunk).</param>
    /// <param name="finishReason">The candidate's <c>finishReason</c>.</param>
    /// <param name="blockReason">The <c>promptFeedback.blockReason</c>.</param>
    /// <param name="usage">The usage.</param>
    /// <param name="requestedModel">The model the request named.</param>
    /// <param name="warnings">Warnings.</param>
    /// <param name="rateLimit">Rate-limit headers.</param>
    /// <returns>The response.</returns>
    public static Response Build(GeminiResponseBuilder builder, JsonElement raw, string? finishReason, string? blockReason, Usage usage, string requestedModel, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit) => new()
    {
        Id = StringProperty(raw, "responseId") ?? string.Empty,
        Model = StringProperty(raw, "modelVersion") ?? requestedModel,
        Provider = GeminiAdapter.ProviderName,
        Message = new Message(Role.Assistant, builder.Build()),
        FinishReason = MapFinishReason(finishReason, blockReason, builder.HasToolCalls),
        Usage = usage,
        Raw = raw.Clone(),
        Warnings = warnings,
        RateLimit = rateLimit,
    };

    /// <summary>
    /// Maps a finish reason: STOP is <c>tool_calls</c> when the answer has function calls (Gemini has no reason of
    /// its own for that), MAX_TOKENS <c>length</c>, the safety family (SAFETY, RECITATION, BLOCKLIST,
    /// PROHIBITED_CONTENT, SPII, IMAGE_*) <c>content_filter</c>, a broken function call (MALFORMED_FUNCTION_CALL,
    /// UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS) <c>error</c>, anything else <c>other</c>. A prompt blocked before
    /// generation (no candidate, <c>promptFeedback.blockReason</c>) is <c>content_filter</c> too.
    /// </summary>
    /// <param name="finishReason">The candidate's reason, if any.</param>
    /// <param name="blockReason">The prompt's block reason, if any.</param>
    /// <param name="hasToolCalls">Whether the answer has function calls.</param>
    /// <returns>The unified reason with the raw value.</returns>
    public static FinishReason MapFinishReason(string? finishReason, string? blockReason, bool hasToolCalls)
    {
        if (finishReason is null && blockReason is not null)
        {
            return new FinishReason(FinishReason.ContentFilter, blockReason);
        }

        var reason = finishReason switch
        {
            "STOP" => hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop,
            "MAX_TOKENS" => FinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY"
                or "IMAGE_PROHIBITED_CONTENT" or "IMAGE_RECITATION" => FinishReason.ContentFilter,
            "MALFORMED_FUNCTION_CALL" or "UNEXPECTED_TOOL_CALL" or "TOO_MANY_TOOL_CALLS" => FinishReason.Error,
            _ => hasToolCalls ? FinishReason.ToolCalls : FinishReason.Other,
        };
        return new FinishReason(reason, finishReason);
    }

    /// <summary>
    /// Reads <c>usageMetadata</c>. Input is <c>promptTokenCount</c> (which includes cached tokens) plus
    /// <c>toolUsePromptTokenCount</c>; output is <c>candidatesTokenCount</c> plus <c>thoughtsTokenCount</c> (Gemini
    /// bills thoughts as output but counts them apart); reasoning is <c>thoughtsTokenCount</c>, cache reads
    /// <c>cachedContentTokenCount</c>; the total is <c>totalTokenCount</c>.
    /// </summary>
    /// <param name="root">A response or stream chunk.</param>
    /// <param name="includeRaw">Whether to copy <c>usageMetadata</c> into <see cref="Usage.Raw"/> (streams do it for the last chunk only).</param>
    /// <returns>The usage; empty when the element has no usage metadata.</returns>
    public static Usage UsageOf(JsonElement root, bool includeRaw = true)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usageMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return Usage.Empty;
        }

        var input = (Int(metadata, "promptTokenCount") ?? 0) + (Int(metadata, "toolUsePromptTokenCount") ?? 0);
        var thoughts = Int(metadata, "thoughtsTokenCount");
        var output = (Int(metadata, "candidatesTokenCount") ?? 0) + (thoughts ?? 0);
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = Int(metadata, "totalTokenCount") ?? input + output,
            ReasoningTokens = thoughts,
            CacheReadTokens = Int(metadata, "cachedContentTokenCount"),
            Raw = includeRaw ? metadata.Clone() : null,
        };
    }

    /// <summary>Gets <c>candidates[0]</c>.</summary>
    /// <param name="root">A response or stream chunk.</param>
    /// <returns>The candidate, or null.</returns>
    public static JsonElement? FirstCandidate(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("candidates", out var candidates)
        && candidates.ValueKind == JsonValueKind.Array && candidates.GetArrayLength() > 0 ? candidates[0] : null;

    /// <summary>Gets a candidate's <c>finishReason</c>.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <returns>The reason, or null.</returns>
    public static string? FinishReasonOf(JsonElement candidate) => StringProperty(candidate, "finishReason");

    /// <summary>Gets <c>promptFeedback.blockReason</c>.</summary>
    /// <param name="root">A response or stream chunk.</param>
    /// <returns>The reason, or null.</returns>
    public static string? BlockReason(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("promptFeedback", out var feedback) ? StringProperty(feedback, "blockReason") : null;

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
