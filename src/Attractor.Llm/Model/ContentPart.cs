// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// One piece of a message: a tagged union whose <see cref="Kind"/> says which payload is set. Create parts with
/// the static factories; adapters switch on <see cref="Kind"/>.
/// </summary>
public sealed record ContentPart
{
    private ContentPart(ContentKind kind) => Kind = kind;

    /// <summary>Gets the discriminator.</summary>
    public ContentKind Kind { get; }

    /// <summary>Gets the text when <see cref="Kind"/> is <see cref="ContentKind.Text"/>.</summary>
    public string? Text { get; private init; }

    /// <summary>Gets the image when <see cref="Kind"/> is <see cref="ContentKind.Image"/>.</summary>
    public ImageData? Image { get; private init; }

    /// <summary>Gets the audio when <see cref="Kind"/> is <see cref="ContentKind.Audio"/>.</summary>
    public AudioData? Audio { get; private init; }

    /// <summary>Gets the document when <see cref="Kind"/> is <see cref="ContentKind.Document"/>.</summary>
    public DocumentData? Document { get; private init; }

    /// <summary>Gets the tool call when <see cref="Kind"/> is <see cref="ContentKind.ToolCall"/>.</summary>
    public ToolCallData? ToolCall { get; private init; }

    /// <summary>Gets the tool result when <see cref="Kind"/> is <see cref="ContentKind.ToolResult"/>.</summary>
    public ToolResultData? ToolResult { get; private init; }

    /// <summary>Gets the reasoning when <see cref="Kind"/> is <see cref="ContentKind.Thinking"/> or <see cref="ContentKind.RedactedThinking"/>.</summary>
    public ThinkingData? Thinking { get; private init; }

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromText(string text) => new(ContentKind.Text) { Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>Creates an image part.</summary>
    /// <param name="image">The image.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromImage(ImageData image) => new(ContentKind.Image) { Image = image ?? throw new ArgumentNullException(nameof(image)) };

    /// <summary>Creates an audio part.</summary>
    /// <param name="audio">The audio.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromAudio(AudioData audio) => new(ContentKind.Audio) { Audio = audio ?? throw new ArgumentNullException(nameof(audio)) };

    /// <summary>Creates a document part.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromDocument(DocumentData document) => new(ContentKind.Document) { Document = document ?? throw new ArgumentNullException(nameof(document)) };

    /// <summary>Creates a tool call part.</summary>
    /// <param name="toolCall">The call.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromToolCall(ToolCallData toolCall) => new(ContentKind.ToolCall) { ToolCall = toolCall ?? throw new ArgumentNullException(nameof(toolCall)) };

    /// <summary>Creates a tool result part.</summary>
    /// <param name="toolResult">The result.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromToolResult(ToolResultData toolResult) => new(ContentKind.ToolResult) { ToolResult = toolResult ?? throw new ArgumentNullException(nameof(toolResult)) };

    /// <summary>Creates a thinking part; redacted thinking gets the <see cref="ContentKind.RedactedThinking"/> kind.</summary>
    /// <param name="thinking">The reasoning.</param>
    /// <returns>The part.</returns>
    public static ContentPart FromThinking(ThinkingData thinking)
    {
        ArgumentNullException.ThrowIfNull(thinking);
        return new(thinking.Redacted ? ContentKind.RedactedThinking : ContentKind.Thinking) { Thinking = thinking };
    }

    /// <summary>Creates a part of a kind this library does not model; adapters that don't know it reject or skip it.</summary>
    /// <param name="kind">The provider-specific kind.</param>
    /// <param name="text">Its payload as text (typically JSON).</param>
    /// <returns>The part.</returns>
    public static ContentPart FromCustom(ContentKind kind, string text) => new(kind) { Text = text };
}
