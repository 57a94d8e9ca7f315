// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Why generation stopped: a portable reason plus the provider's own value.</summary>
/// <param name="Reason">One of <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, <c>error</c>, <c>other</c>.</param>
/// <param name="Raw">The provider's native finish reason.</param>
public sealed record FinishReason(string Reason, string? Raw = null)
{
    /// <summary>Natural end of generation.</summary>
    public const string Stop = "stop";

    /// <summary>The output reached the token limit.</summary>
    public const string Length = "length";

    /// <summary>The model wants to call tools.</summary>
    public const string ToolCalls = "tool_calls";

    /// <summary>A safety filter blocked the output.</summary>
    public const string ContentFilter = "content_filter";

    /// <summary>An error occurred during generation.</summary>
    public const string Error = "error";

    /// <summary>A provider reason with no portable equivalent.</summary>
    public const string Other = "other";
}
