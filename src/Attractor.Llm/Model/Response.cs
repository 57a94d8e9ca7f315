// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The complete answer to one request.</summary>
public sealed record Response
{
    /// <summary>Gets the provider-assigned response id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the model that answered (may differ from the one requested).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the provider that answered.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the assistant message.</summary>
    public required Message Message { get; init; }

    /// <summary>Gets why generation stopped.</summary>
    public required FinishReason FinishReason { get; init; }

    /// <summary>Gets the token counts.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Gets the provider's raw response JSON, for debugging.</summary>
    public JsonElement? Raw { get; init; }

    /// <summary>Gets non-fatal issues.</summary>
    public IReadOnlyList<Warning> Warnings { get; init; } = [];

    /// <summary>Gets the rate-limit state from the response headers.</summary>
    public RateLimitInfo? RateLimit { get; init; }

    /// <summary>Gets the concatenated text of the message.</summary>
    public string Text => Message.Text;

    /// <summary>Gets the tool calls of the message, in order.</summary>
    public IReadOnlyList<ToolCall> ToolCalls =>
        [.. Message.Content.Where(p => p.Kind == ContentKind.ToolCall && p.ToolCall is not null).Select(p => ToolCall.FromData(p.ToolCall!))];

    /// <summary>Gets the concatenated reasoning text, or null when the message has none.</summary>
    public string? Reasoning
    {
        get
        {
            StringBuilder? builder = null;
            foreach (var part in Message.Content)
            {
                if (part.Kind == ContentKind.Thinking && part.Thinking is { } thinking)
                {
                    (builder ??= new StringBuilder()).Append(thinking.Text);
                }
            }

            return builder?.ToString();
        }
    }
}
