// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Llm;

/// <summary>One message of a conversation.</summary>
/// <param name="Role">Who produced it.</param>
/// <param name="Content">Its parts (text, images, tool calls, ...).</param>
public sealed record Message(Role Role, IReadOnlyList<ContentPart> Content)
{
    /// <summary>Gets the name, for tool messages (the tool's name) and developer attribution.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the tool call a <see cref="Role.Tool"/> message answers.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Gets the concatenated text of every text part; empty when there is none.</summary>
    public string Text
    {
        get
        {
            string? single = null;
            StringBuilder? builder = null;
            foreach (var part in Content)
            {
                if (part.Kind != ContentKind.Text || part.Text is null)
                {
                    continue;
                }

                if (single is null)
                {
                    single = part.Text;
                }
                else
                {
                    builder ??= new StringBuilder(single);
                    builder.Append(part.Text);
                }
            }

            return builder?.ToString() ?? single ?? string.Empty;
        }
    }

    /// <summary>Creates a system message.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>The message.</returns>
    public static Message System(string text) => new(Role.System, [ContentPart.FromText(text)]);

    /// <summary>Creates a developer message.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>The message.</returns>
    public static Message Developer(string text) => new(Role.Developer, [ContentPart.FromText(text)]);

    /// <summary>Creates a user message.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    public static Message User(string text) => new(Role.User, [ContentPart.FromText(text)]);

    /// <summary>Creates a user message from several parts (text and images, ...).</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>The message.</returns>
    public static Message User(params ContentPart[] parts) => new(Role.User, parts);

    /// <summary>Creates an assistant message.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The message.</returns>
    public static Message Assistant(string text) => new(Role.Assistant, [ContentPart.FromText(text)]);

    /// <summary>Creates a tool result message.</summary>
    /// <param name="toolCallId">The call it answers.</param>
    /// <param name="content">The output text.</param>
    /// <param name="isError">Whether the tool failed.</param>
    /// <returns>The message.</returns>
    public static Message ToolResult(string toolCallId, string content, bool isError = false) =>
        new(Role.Tool, [ContentPart.FromToolResult(ToolResultData.FromText(toolCallId, content, isError))]) { ToolCallId = toolCallId };

    /// <summary>Creates a tool result message from a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The message.</returns>
    public static Message ToolResult(ToolResultData result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(Role.Tool, [ContentPart.FromToolResult(result)]) { ToolCallId = result.ToolCallId };
    }
}
