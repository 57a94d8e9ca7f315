// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The Responses stream events the adapter tells apart.</summary>
internal enum ResponsesEventKind
{
    /// <summary>An event with no unified meaning; passed on as a provider event.</summary>
    Unknown,

    /// <summary>An event whose information arrives elsewhere too (<c>*.done</c> duplicates, <c>in_progress</c>); skipped.</summary>
    Ignored,

    /// <summary>Data that is not a JSON object.</summary>
    Malformed,

    /// <summary><c>response.output_text.delta</c>.</summary>
    TextDelta,

    /// <summary><c>response.function_call_arguments.delta</c> (and custom tool input deltas).</summary>
    ArgumentsDelta,

    /// <summary><c>response.reasoning_summary_text.delta</c> (and <c>reasoning_text</c> deltas).</summary>
    ReasoningDelta,

    /// <summary><c>response.created</c>.</summary>
    Created,

    /// <summary><c>response.output_item.added</c>.</summary>
    ItemAdded,

    /// <summary><c>response.output_item.done</c>.</summary>
    ItemDone,

    /// <summary><c>response.completed</c> or <c>response.incomplete</c>: the final response.</summary>
    Completed,

    /// <summary><c>response.failed</c>.</summary>
    Failed,

    /// <summary><c>error</c>.</summary>
    Error,
}
