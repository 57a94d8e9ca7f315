// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>
/// Translates messages and their parts between this library's model and Microsoft.Extensions.AI, both ways.
/// Anything without an equivalent travels as a bare <see cref="AIContent"/> whose raw representation is the
/// original <see cref="ContentPart"/>, so a round trip through M.E.AI loses nothing.
/// </summary>
internal static class ChatMessageTranslation
{
    /// <summary>The additional property marking a <see cref="TextReasoningContent"/> as redacted thinking.</summary>
    public const string RedactedProperty = "attractor.redacted_thinking";

    /// <summary>
    /// The additional property marking a <see cref="TextReasoningContent"/> a stream produced at its end, when the
    /// signature or redacted data of a thinking block became known: it says where, among the thinking, that block was.
    /// </summary>
    public const string StreamEndProperty = "attractor.stream_end";

    /// <summary>The additional properties carrying a part of a kind M.E.AI has no content for (so it survives serialization).</summary>
    public const string KindProperty = "attractor.kind";

    /// <summary>The payload of such a part (see <see cref="KindProperty"/>).</summary>
    public const string TextProperty = "attractor.text";

    /// <summary>The position of such a part in its message, for parts a stream only reports at its end.</summary>
    public const string IndexProperty = "attractor.index";

    /// <summary>The additional property naming the provider that produced reasoning (<see cref="ThinkingData.Provider"/>).</summary>
    public const string ProviderProperty = "attractor.provider";

    /// <summary>The additional property marking a <see cref="FunctionResultContent"/> as a failed tool execution.</summary>
    public const string IsErrorProperty = "is_error";

    /// <summary>The additional property carrying an image's fidelity hint.</summary>
    public const string DetailProperty = "detail";

    /// <summary>The M.E.AI role for <see cref="Role.Developer"/> (M.E.AI has no built-in one).</summary>
    public static readonly ChatRole DeveloperRole = new("developer");

    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    // M.E.AI's defaults indent; arguments sent to a provider are compact.
    private static readonly JsonSerializerOptions CompactOptions = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    // ---- M.E.AI -> Attractor ----------------------------------------------------------------------------

    /// <summary>Translates M.E.AI messages into ours; a tool message with several results becomes one message per result.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="instructions">Extra system instructions (<see cref="ChatOptions.Instructions"/>), placed first.</param>
    /// <returns>The messages.</returns>
    public static List<Message> ToMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var result = new List<Message>();
        if (!string.IsNullOrEmpty(instructions))
        {
            result.Add(Message.System(instructions));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            var role = ToRole(message.Role);
            var parts = ToParts(message.Contents);
            if (role == Role.Tool && parts.Count > 0 && parts.TrueForAll(p => p.Kind == ContentKind.ToolResult))
            {
                // Our tool messages answer one call each (ToolCallId); M.E.AI batches parallel results in one message.
                foreach (var part in parts)
                {
                    result.Add(new Message(Role.Tool, [part]) { ToolCallId = part.ToolResult!.ToolCallId, Name = message.AuthorName });
                }

                continue;
            }

            var toolCallId = role == Role.Tool ? parts.Find(p => p.Kind == ContentKind.ToolResult)?.ToolResult?.ToolCallId : null;
            result.Add(new Message(role, parts) { Name = message.AuthorName, ToolCallId = toolCallId });
        }

        return result;
    }

    /// <summary>Translates an M.E.AI role.</summary>
    /// <param name="role">The role.</param>
    /// <returns>Our role.</returns>
    /// <exception cref="ArgumentException">The role has no equivalent.</exception>
    public static Role ToRole(ChatRole role)
    {
        if (role == ChatRole.System)
        {
            return Role.System;
        }

        if (role == ChatRole.User)
        {
            return Role.User;
        }

        if (role == ChatRole.Assistant)
        {
            return Role.Assistant;
        }

        if (role == ChatRole.Tool)
        {
            return Role.Tool;
        }

        return role == DeveloperRole
            ? Role.Developer
            : throw new ArgumentException($"The chat role '{role.Value}' has no equivalent; use system, user, assistant, tool or developer.", nameof(role));
    }

    /// <summary>Translates M.E.AI contents into parts.</summary>
    /// <param name="contents">The contents.</param>
    /// <returns>The parts; usage and error contents are dropped (they are not conversation content).</returns>
    public static List<ContentPart> ToParts(IEnumerable<AIContent> contents)
    {
        var parts = new List<ContentPart>();
        var unsignedThinking = new Queue<int>();
        List<TextReasoningContent>? streamEnd = null;
        List<(int Index, ContentPart Part)>? positioned = null;
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextReasoningContent reasoning when string.IsNullOrEmpty(reasoning.Text) && HasFlag(reasoning, StreamEndProperty):
                    (streamEnd ??= []).Add(reasoning);
                    break;
                case TextContent text:
                    if (!string.IsNullOrEmpty(text.Text))
                    {
                        parts.Add(ContentPart.FromText(text.Text));
                    }

                    break;
                case TextReasoningContent reasoning:
                    AddReasoning(parts, unsignedThinking, reasoning);
                    break;
                case DataContent data:
                    parts.Add(FromData(data));
                    break;
                case UriContent uri:
                    parts.Add(FromUri(uri));
                    break;
                case FunctionCallContent call:
                    parts.Add(ContentPart.FromToolCall(new ToolCallData(call.CallId, call.Name, ArgumentsText(call))));
                    break;
                case FunctionResultContent functionResult:
                    parts.Add(ContentPart.FromToolResult(ToToolResult(functionResult)));
                    break;
                case { RawRepresentation: ContentPart } or { AdditionalProperties: { } } when ToCustomPart(content) is { } custom:
                    if (HasFlag(content, StreamEndProperty))
                    {
                        (positioned ??= []).Add((PositionOf(content), custom));
                    }
                    else
                    {
                        parts.Add(custom);
                    }

                    break;
                default:
                    // Usage, errors, hosted files and server-side tool contents are not part of the conversation we send.
                    break;
            }
        }

        if (streamEnd is not null)
        {
            ApplyStreamEnd(parts, streamEnd);
        }

        if (positioned is not null)
        {
            // Parts a stream reported only at its end (e.g. Gemini thought signatures) go back where they were.
            foreach (var (index, part) in positioned.OrderBy(p => p.Index))
            {
                parts.Insert(Math.Min(index, parts.Count), part);
            }
        }

        return parts;
    }

    /// <summary>Gets a function call's arguments as raw JSON text, exactly as received when it came from this library.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The arguments JSON.</returns>
    public static string ArgumentsText(FunctionCallContent call)
    {
        if (call.RawRepresentation is ToolCallData original && original.Id == call.CallId && original.Name == call.Name)
        {
            return original.Arguments;
        }

        return call.Arguments is null
            ? "{}"
            : JsonSerializer.Serialize(call.Arguments, CompactOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }

    /// <summary>Converts a function result to JSON: strings stay strings, JSON stays as is, objects are serialized.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The JSON value.</returns>
    public static JsonElement ToJson(object? result) => result switch
    {
        null => NullElement,
        JsonElement element => element,
        string text => JsonSerializer.SerializeToElement(text, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string))),
        _ => JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())),
    };

    /// <summary>
    /// Translates a function result. Results made of M.E.AI contents (multimodal tool output) become their text plus
    /// the first image, which is what a tool result of this library carries.
    /// </summary>
    private static ToolResultData ToToolResult(FunctionResultContent result)
    {
        var contents = result.Result switch
        {
            AIContent single => [single],
            IEnumerable<AIContent> many => many.ToList(),
            _ => null,
        };
        if (contents is null)
        {
            return new ToolResultData(result.CallId, ToJson(result.Result), IsError(result));
        }

        var text = string.Concat(contents.OfType<TextContent>().Select(t => t.Text));
        var image = contents.OfType<DataContent>().FirstOrDefault(d => d.HasTopLevelMediaType("image"));
        return new ToolResultData(result.CallId, ToJson(text), IsError(result))
        {
            ImageData = image?.Data,
            ImageMediaType = image?.MediaType,
        };
    }

    // A part of a kind M.E.AI has no content for: the original object, or (after serialization) kind and payload.
    private static ContentPart? ToCustomPart(AIContent content)
    {
        if (content.RawRepresentation is ContentPart original)
        {
            return original;
        }

        return StringProperty(content, KindProperty) is { } kind
            ? ContentPart.FromCustom(new ContentKind(kind), StringProperty(content, TextProperty) ?? string.Empty)
            : null;
    }

    private static int PositionOf(AIContent content) => content.AdditionalProperties?.TryGetValue(IndexProperty, out var index) == true
        ? index switch
        {
            int position => position,
            JsonElement { ValueKind: JsonValueKind.Number } element => element.GetInt32(),
            _ => int.MaxValue,
        }
        : int.MaxValue;

    private static bool IsError(FunctionResultContent result) =>
        result.Exception is not null || HasFlag(result, IsErrorProperty);

    // Additional properties hold CLR values in memory and JsonElements after a serialization round trip.
    private static bool HasFlag(AIContent content, string property) =>
        content.AdditionalProperties?.TryGetValue(property, out var flag) == true && flag is true or JsonElement { ValueKind: JsonValueKind.True };

    private static string? StringProperty(AIContent content, string property) =>
        content.AdditionalProperties?.TryGetValue(property, out var value) == true
            ? value switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => null,
            }
            : null;

    /// <summary>
    /// Rebuilds the thinking sequence of a streamed message: the stream-end items list every signed or redacted
    /// thinking block in the original order, signed ones matching the streamed (still unsigned) thinking in turn.
    /// The sequence goes where the first of that thinking was (the start of the message when there was none).
    /// </summary>
    private static void ApplyStreamEnd(List<ContentPart> parts, List<TextReasoningContent> streamEnd)
    {
        var unsigned = new Queue<int>();
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Kind == ContentKind.Thinking && parts[i].Thinking!.Signature is null)
            {
                unsigned.Enqueue(i);
            }
        }

        var sequence = new List<ContentPart>(streamEnd.Count);
        var consumed = new List<int>();
        foreach (var item in streamEnd)
        {
            var provider = StringProperty(item, ProviderProperty);
            if (HasFlag(item, RedactedProperty))
            {
                sequence.Add(ContentPart.FromThinking(new ThinkingData(item.ProtectedData ?? string.Empty, null, Redacted: true) { Provider = provider }));
            }
            else if (item.ProtectedData is { } signature && unsigned.TryDequeue(out var index))
            {
                consumed.Add(index);
                sequence.Add(ContentPart.FromThinking(parts[index].Thinking! with { Signature = signature, Provider = provider }));
            }
        }

        var insertAt = consumed.Count > 0 ? consumed[0] : 0;
        for (var i = consumed.Count - 1; i >= 0; i--)
        {
            parts.RemoveAt(consumed[i]);
        }

        parts.InsertRange(insertAt, sequence);
    }

    private static void AddReasoning(List<ContentPart> parts, Queue<int> unsignedThinking, TextReasoningContent reasoning)
    {
        var redacted = HasFlag(reasoning, RedactedProperty);
        var provider = StringProperty(reasoning, ProviderProperty);
        if (redacted || (string.IsNullOrEmpty(reasoning.Text) && reasoning.ProtectedData is not null && unsignedThinking.Count == 0))
        {
            // Empty text with opaque data and nothing earlier to sign: the provider's redacted thinking.
            parts.Add(ContentPart.FromThinking(new ThinkingData(reasoning.ProtectedData ?? string.Empty, null, Redacted: true) { Provider = provider }));
            return;
        }

        if (string.IsNullOrEmpty(reasoning.Text))
        {
            if (reasoning.ProtectedData is { } lateSignature)
            {
                // A signature that arrived on its own (streaming puts them at the end): it signs the oldest unsigned thinking.
                var index = unsignedThinking.Dequeue();
                parts[index] = ContentPart.FromThinking(parts[index].Thinking! with { Signature = lateSignature, Provider = provider ?? parts[index].Thinking!.Provider });
            }

            return;
        }

        if (reasoning.ProtectedData is null)
        {
            unsignedThinking.Enqueue(parts.Count);
        }

        parts.Add(ContentPart.FromThinking(new ThinkingData(reasoning.Text, reasoning.ProtectedData) { Provider = provider }));
    }

    private static ContentPart FromData(DataContent data)
    {
        var detail = StringProperty(data, DetailProperty);
        if (data.HasTopLevelMediaType("image"))
        {
            return ContentPart.FromImage(new ImageData(data.Data, data.MediaType, detail));
        }

        return data.HasTopLevelMediaType("audio")
            ? ContentPart.FromAudio(new AudioData(data.Data, data.MediaType))
            : ContentPart.FromDocument(new DocumentData(data.Data, data.MediaType, data.Name));
    }

    private static ContentPart FromUri(UriContent uri)
    {
        var url = uri.Uri.ToString();
        var detail = StringProperty(uri, DetailProperty);
        if (uri.HasTopLevelMediaType("image"))
        {
            return ContentPart.FromImage(new ImageData(url, SpecificOrNull(uri.MediaType), detail));
        }

        return uri.HasTopLevelMediaType("audio")
            ? ContentPart.FromAudio(new AudioData(url, SpecificOrNull(uri.MediaType)))
            : ContentPart.FromDocument(new DocumentData(url, SpecificOrNull(uri.MediaType)));
    }

    // "image/*" says only "some image"; our model leaves an unknown type null.
    private static string? SpecificOrNull(string mediaType) => mediaType.EndsWith("/*", StringComparison.Ordinal) ? null : mediaType;

    // ---- Attractor -> M.E.AI ----------------------------------------------------------------------------

    /// <summary>Translates our messages into M.E.AI messages, reading local media files into bytes.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="cancellationToken">Cancels file reads.</param>
    /// <returns>The messages.</returns>
    public static async Task<List<ChatMessage>> ToChatMessagesAsync(IEnumerable<Message> messages, CancellationToken cancellationToken)
    {
        var result = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var contents = new List<AIContent>(message.Content.Count);
            foreach (var part in message.Content)
            {
                contents.Add(await ToContentAsync(part, cancellationToken).ConfigureAwait(false));
            }

            result.Add(new ChatMessage(ToChatRole(message.Role), contents) { AuthorName = message.Name, RawRepresentation = message });
        }

        return result;
    }

    /// <summary>Translates an assistant message of a response (no local files there, so synchronously).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The contents.</returns>
    public static List<AIContent> ToContents(Message message)
    {
        var contents = new List<AIContent>(message.Content.Count);
        foreach (var part in message.Content)
        {
            contents.Add(ToContent(part, localBytes: null));
        }

        return contents;
    }

    /// <summary>Translates our role.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The M.E.AI role.</returns>
    public static ChatRole ToChatRole(Role role) => role switch
    {
        Role.System => ChatRole.System,
        Role.User => ChatRole.User,
        Role.Assistant => ChatRole.Assistant,
        Role.Tool => ChatRole.Tool,
        Role.Developer => DeveloperRole,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Creates the M.E.AI function call for a tool call, keeping the raw arguments for the way back.</summary>
    /// <param name="call">The call.</param>
    /// <returns>The content.</returns>
    public static FunctionCallContent ToFunctionCall(ToolCallData call)
    {
        var content = string.IsNullOrWhiteSpace(call.Arguments)
            ? new FunctionCallContent(call.Id, call.Name, new Dictionary<string, object?>())
            : FunctionCallContent.CreateFromParsedArguments(call.Arguments, call.Id, call.Name, ParseArguments);
        content.RawRepresentation = call;
        return content;
    }

    private static IDictionary<string, object?>? ParseArguments(string json) =>
        (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    private static async Task<AIContent> ToContentAsync(ContentPart part, CancellationToken cancellationToken)
    {
        var url = part.Image?.Url ?? part.Document?.Url ?? part.Audio?.Url;
        if (url is not null && (part.Kind == ContentKind.Image || part.Kind == ContentKind.Document || part.Kind == ContentKind.Audio)
            && LocalMedia.IsLocalPath(url))
        {
            var mediaType = part.Image?.MediaType ?? part.Document?.MediaType ?? part.Audio?.MediaType;
            var (data, resolvedType) = await LocalMedia.ReadAsync(url, mediaType, cancellationToken).ConfigureAwait(false);
            return ToContent(part, (data, resolvedType));
        }

        return ToContent(part, localBytes: null);
    }

    private static AIContent ToContent(ContentPart part, (byte[] Data, string MediaType)? localBytes)
    {
        if (part.Kind == ContentKind.Text)
        {
            return new TextContent(part.Text) { RawRepresentation = part };
        }

        if (part.Kind == ContentKind.Image && part.Image is { } image)
        {
            var content = Media(image.Url, image.Data, image.MediaType, "image/*", null, localBytes);
            if (image.Detail is not null)
            {
                (content.AdditionalProperties ??= [])[DetailProperty] = image.Detail;
            }

            return content;
        }

        if (part.Kind == ContentKind.Audio && part.Audio is { } audio)
        {
            return Media(audio.Url, audio.Data, audio.MediaType, "audio/*", null, localBytes);
        }

        if (part.Kind == ContentKind.Document && part.Document is { } document)
        {
            return Media(document.Url, document.Data, document.MediaType, "application/octet-stream", document.FileName, localBytes);
        }

        if (part.Kind == ContentKind.ToolCall && part.ToolCall is { } call)
        {
            return ToFunctionCall(call);
        }

        if (part.Kind == ContentKind.ToolResult && part.ToolResult is { } toolResult)
        {
            object? result = toolResult.Content.ValueKind == JsonValueKind.String ? toolResult.Content.GetString() : toolResult.Content;
            if (toolResult.ImageData is { } imageBytes)
            {
                // M.E.AI carries multimodal tool output as contents.
                result = new List<AIContent> { new TextContent(toolResult.ContentText), new DataContent(imageBytes, toolResult.ImageMediaType ?? "image/png") };
            }

            var content = new FunctionResultContent(toolResult.ToolCallId, result) { RawRepresentation = toolResult };
            if (toolResult.IsError)
            {
                (content.AdditionalProperties ??= [])[IsErrorProperty] = true;
            }

            return content;
        }

        if ((part.Kind == ContentKind.Thinking || part.Kind == ContentKind.RedactedThinking) && part.Thinking is { } thinking)
        {
            return ToReasoning(thinking);
        }

        return ToCustomContent(part);
    }

    /// <summary>Tells whether a part kind has an M.E.AI content of its own.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True for text, media, tool calls and results, and thinking.</returns>
    public static bool IsStandard(ContentKind kind) =>
        kind == ContentKind.Text || kind == ContentKind.Image || kind == ContentKind.Audio || kind == ContentKind.Document
        || kind == ContentKind.ToolCall || kind == ContentKind.ToolResult || kind == ContentKind.Thinking || kind == ContentKind.RedactedThinking;

    /// <summary>Wraps a part of a kind M.E.AI has no content for (a provider's own, e.g. a Gemini thought signature).</summary>
    /// <param name="part">The part.</param>
    /// <returns>A bare content carrying the part.</returns>
    public static AIContent ToCustomContent(ContentPart part) => new()
    {
        RawRepresentation = part,
        AdditionalProperties = new() { [KindProperty] = part.Kind.Value, [TextProperty] = part.Text },
    };

    /// <summary>Creates the reasoning content for thinking: text plus signature, or opaque data for redacted thinking.</summary>
    /// <param name="thinking">The thinking.</param>
    /// <returns>The content.</returns>
    public static TextReasoningContent ToReasoning(ThinkingData thinking)
    {
        var content = thinking.Redacted
            ? new TextReasoningContent(string.Empty) { ProtectedData = thinking.Text, AdditionalProperties = new() { [RedactedProperty] = true } }
            : new TextReasoningContent(thinking.Text) { ProtectedData = thinking.Signature };
        content.RawRepresentation = thinking;
        if (thinking.Provider is { } provider)
        {
            // Signatures are only valid for the provider that made them; adapters drop other providers' reasoning.
            (content.AdditionalProperties ??= [])[ProviderProperty] = provider;
        }

        return content;
    }

    private static AIContent Media(string? url, ReadOnlyMemory<byte>? data, string? mediaType, string fallbackType, string? name, (byte[] Data, string MediaType)? localBytes)
    {
        if (localBytes is { } local)
        {
            return new DataContent(local.Data, local.MediaType) { Name = name };
        }

        if (data is { } bytes)
        {
            return new DataContent(bytes, mediaType ?? fallbackType) { Name = name };
        }

        if (url!.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return new DataContent(url, mediaType) { Name = name };
        }

        return new UriContent(new Uri(url, UriKind.Absolute), mediaType ?? fallbackType);
    }
}
