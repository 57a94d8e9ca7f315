// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The result of a tool call, sent back to the model in a <see cref="Role.Tool"/> message.</summary>
/// <param name="ToolCallId">The <see cref="ToolCallData.Id"/> this result answers.</param>
/// <param name="Content">The output: a JSON string for text, or any JSON object or array.</param>
/// <param name="IsError">Whether the tool failed (the model sees that and can adjust).</param>
public sealed record ToolResultData(string ToolCallId, JsonElement Content, bool IsError = false)
{
    /// <summary>Gets an optional image produced by the tool.</summary>
    public ReadOnlyMemory<byte>? ImageData { get; init; }

    /// <summary>Gets the MIME type of <see cref="ImageData"/>.</summary>
    public string? ImageMediaType { get; init; }

    /// <summary>Gets the content as text: the string itself, or the JSON of an object or array.</summary>
    public string ContentText => Content.ValueKind == JsonValueKind.String ? Content.GetString()! : Content.GetRawText();

    /// <summary>Creates a text result.</summary>
    /// <param name="toolCallId">The call this result answers.</param>
    /// <param name="text">The output text.</param>
    /// <param name="isError">Whether the tool failed.</param>
    /// <returns>The result.</returns>
    public static ToolResultData FromText(string toolCallId, string text, bool isError = false) =>
        new(toolCallId, JsonSerializer.SerializeToElement(text), isError);
}
