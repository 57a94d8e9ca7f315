// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// The discriminator of a <see cref="ContentPart"/>. A string rather than an enum so providers can add kinds
/// (the spec lets <c>kind</c> be any string) without changing this library.
/// </summary>
/// <param name="Value">The kind's wire name, e.g. <c>text</c> or <c>tool_call</c>.</param>
public readonly record struct ContentKind(string Value)
{
    /// <summary>Plain text.</summary>
    public static ContentKind Text { get; } = new("text");

    /// <summary>An image as URL, bytes or local file path.</summary>
    public static ContentKind Image { get; } = new("image");

    /// <summary>Audio as URL or bytes.</summary>
    public static ContentKind Audio { get; } = new("audio");

    /// <summary>A document (PDF, ...) as URL, bytes or local file path.</summary>
    public static ContentKind Document { get; } = new("document");

    /// <summary>A model-initiated tool invocation.</summary>
    public static ContentKind ToolCall { get; } = new("tool_call");

    /// <summary>The result of executing a tool call.</summary>
    public static ContentKind ToolResult { get; } = new("tool_result");

    /// <summary>Model reasoning text.</summary>
    public static ContentKind Thinking { get; } = new("thinking");

    /// <summary>Redacted reasoning: opaque, must be sent back verbatim.</summary>
    public static ContentKind RedactedThinking { get; } = new("redacted_thinking");

    /// <inheritdoc/>
    public override string ToString() => Value;
}
