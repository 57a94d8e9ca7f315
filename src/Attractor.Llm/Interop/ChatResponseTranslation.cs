// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>Translates responses, usage and finish reasons between this library's model and Microsoft.Extensions.AI.</summary>
internal static class ChatResponseTranslation
{
    /// <summary>The <see cref="UsageDetails.AdditionalCounts"/> key for tokens written to the prompt cache (M.E.AI has no typed property).</summary>
    public const string CacheWriteTokensKey = "cache_write_tokens";

    /// <summary>Translates a response.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The M.E.AI response (its raw representation is <paramref name="response"/>).</returns>
    public static ChatResponse ToChatResponse(Response response)
    {
        var message = new ChatMessage(ChatRole.Assistant, ChatMessageTranslation.ToContents(response.Message))
        {
            MessageId = response.Id,
            RawRepresentation = response.Message,
        };
        return new ChatResponse(message)
        {
            ResponseId = response.Id,
            ModelId = response.Model,
            FinishReason = ToChatFinishReason(response.FinishReason),
            Usage = ToUsageDetails(response.Usage),
            RawRepresentation = response,
        };
    }

    /// <summary>Translates an M.E.AI response into ours: the assistant messages' contents form the one message.</summary>
    /// <param name="response">The M.E.AI response.</param>
    /// <param name="provider">The provider name to report.</param>
    /// <param name="requestedModel">The model used when the response names none.</param>
    /// <returns>The response.</returns>
    public static Response ToResponse(ChatResponse response, string provider, string requestedModel)
    {
        var contents = response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents);
        var message = new Message(Role.Assistant, ChatMessageTranslation.ToParts(contents));
        var hasToolCalls = message.Content.Any(p => p.Kind == ContentKind.ToolCall);
        return new Response
        {
            Id = response.ResponseId ?? response.Messages.LastOrDefault()?.MessageId ?? "chat_" + Guid.NewGuid().ToString("N"),
            Model = response.ModelId ?? requestedModel,
            Provider = provider,
            Message = message,
            FinishReason = ToFinishReason(response.FinishReason, hasToolCalls),
            Usage = ToUsage(response.Usage),
        };
    }

    /// <summary>Translates a finish reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The M.E.AI reason; <c>error</c> and <c>other</c> keep the provider's raw value when there is one.</returns>
    public static ChatFinishReason ToChatFinishReason(FinishReason reason) => reason.Reason switch
    {
        FinishReason.Stop => ChatFinishReason.Stop,
        FinishReason.Length => ChatFinishReason.Length,
        FinishReason.ToolCalls => ChatFinishReason.ToolCalls,
        FinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(string.IsNullOrEmpty(reason.Raw) ? reason.Reason : reason.Raw),
    };

    /// <summary>Translates an M.E.AI finish reason.</summary>
    /// <param name="reason">The reason, or null when the inner client reported none.</param>
    /// <param name="hasToolCalls">Whether the response calls tools (decides a missing reason).</param>
    /// <returns>The reason.</returns>
    public static FinishReason ToFinishReason(ChatFinishReason? reason, bool hasToolCalls)
    {
        if (reason is not { } value)
        {
            // Not every IChatClient reports a reason; the content says which one applies.
            return new FinishReason(hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop);
        }

        if (value == ChatFinishReason.Stop)
        {
            return new FinishReason(FinishReason.Stop, value.Value);
        }

        if (value == ChatFinishReason.Length)
        {
            return new FinishReason(FinishReason.Length, value.Value);
        }

        if (value == ChatFinishReason.ToolCalls)
        {
            return new FinishReason(FinishReason.ToolCalls, value.Value);
        }

        return value == ChatFinishReason.ContentFilter
            ? new FinishReason(FinishReason.ContentFilter, value.Value)
            : new FinishReason(FinishReason.Other, value.Value);
    }

    /// <summary>Translates usage.</summary>
    /// <param name="usage">The usage.</param>
    /// <returns>The details.</returns>
    public static UsageDetails ToUsageDetails(Usage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens,
            ReasoningTokenCount = usage.ReasoningTokens,
            CachedInputTokenCount = usage.CacheReadTokens,
        };
        if (usage.CacheWriteTokens is { } written)
        {
            details.AdditionalCounts = new() { [CacheWriteTokensKey] = written };
        }

        return details;
    }

    /// <summary>Translates M.E.AI usage; a missing total is input plus output.</summary>
    /// <param name="details">The details, or null.</param>
    /// <returns>The usage.</returns>
    public static Usage ToUsage(UsageDetails? details)
    {
        if (details is null)
        {
            return Usage.Empty;
        }

        var input = Clamp(details.InputTokenCount) ?? 0;
        var output = Clamp(details.OutputTokenCount) ?? 0;
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = Clamp(details.TotalTokenCount) ?? (input + output),
            ReasoningTokens = Clamp(details.ReasoningTokenCount),
            CacheReadTokens = Clamp(details.CachedInputTokenCount),
            CacheWriteTokens = details.AdditionalCounts?.TryGetValue(CacheWriteTokensKey, out var written) == true ? Clamp(written) : null,
        };
    }

    private static int? Clamp(long? value) => value is { } v ? (int)Math.Clamp(v, 0, int.MaxValue) : null;
}
