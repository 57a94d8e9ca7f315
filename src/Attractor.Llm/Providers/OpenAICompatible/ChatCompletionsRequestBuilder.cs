// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Translates a unified <see cref="Request"/> into a Chat Completions body (<c>POST /chat/completions</c>) for
/// OpenAI-compatible servers. Developer messages are sent with the <c>system</c> role, which every compatible server
/// knows (many reject <c>developer</c>).
/// </summary>
internal static class ChatCompletionsRequestBuilder
{
    /// <summary>Builds the body.</summary>
    public static async Task<JsonObject> BuildAsync(Request request, string provider, bool stream, bool includeStreamUsage, List<Warning> warnings, CancellationToken cancellationToken)
    {
        var messages = new JsonArray();
        foreach (var message in request.Messages)
        {
            switch (message.Role)
            {
                case Role.System or Role.Developer:
                    messages.Add(new JsonObject { ["role"] = "system", ["content"] = message.Text });
                    break;
                case Role.User:
                    messages.Add(new JsonObject { ["role"] = "user", ["content"] = await UserContentAsync(message, provider, cancellationToken).ConfigureAwait(false) });
                    break;
                case Role.Assistant:
                    messages.Add(Assistant(message, provider));
                    break;
                case Role.Tool:
                    AddToolResults(messages, message, provider);
                    break;
                default:
                    throw OpenAIWire.Unsupported(provider, $"a message with role {message.Role}");
            }
        }

        var body = new JsonObject { ["model"] = request.Model, ["messages"] = messages };
        if (request.Tools is { Count: > 0 } tools)
        {
            var array = new JsonArray();
            foreach (var tool in tools)
            {
                array.Add(new JsonObject
                {
                    ["type"] = "function",
                    ["function"] = new JsonObject
                    {
                        ["name"] = tool.Name,
                        ["description"] = tool.Description,
                        ["parameters"] = OpenAIWire.Node(tool.Parameters),
                    },
                });
            }

            body["tools"] = array;
            if (request.ToolChoice is { } choice)
            {
                body["tool_choice"] = choice.Mode switch
                {
                    ToolChoiceMode.Auto => "auto",
                    ToolChoiceMode.None => "none",
                    ToolChoiceMode.Required => "required",
                    _ => new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = choice.ToolName } },
                };
            }
        }

        if (request.MaxTokens is { } maxTokens)
        {
            body["max_tokens"] = maxTokens;
        }

        if (request.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (request.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (request.StopSequences is { Count: > 0 } stop)
        {
            body["stop"] = new JsonArray([.. stop.Select(s => (JsonNode?)s)]);
        }

        if (request.ReasoningEffort is { } effort)
        {
            body["reasoning_effort"] = effort;
        }

        switch (request.ResponseFormat?.Type)
        {
            case "json":
                body["response_format"] = new JsonObject { ["type"] = "json_object" };
                break;
            case "json_schema":
                var format = request.ResponseFormat;
                body["response_format"] = new JsonObject
                {
                    ["type"] = "json_schema",
                    ["json_schema"] = new JsonObject
                    {
                        ["name"] = format.SchemaName ?? "response",
                        ["schema"] = OpenAIWire.Node(format.JsonSchema!.Value),
                        ["strict"] = format.Strict,
                    },
                };
                break;
            default:
                break;
        }

        if (request.Metadata is { Count: > 0 })
        {
            // Compatible servers do not know metadata (OpenAI's own needs store=true); sending it risks a 400.
            warnings.Add(new Warning("Chat Completions servers do not accept metadata; it was not sent.", "unsupported_parameter"));
        }

        if (stream)
        {
            body["stream"] = true;
            if (includeStreamUsage)
            {
                body["stream_options"] = new JsonObject { ["include_usage"] = true };
            }
        }

        ProviderOptions.MergeInto(body, ProviderOptions.For(request, provider));
        return body;
    }

    private static async Task<JsonNode> UserContentAsync(Message message, string provider, CancellationToken cancellationToken)
    {
        if (message.Content.All(p => p.Kind == ContentKind.Text))
        {
            return message.Text;
        }

        var content = new JsonArray();
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text)
            {
                content.Add(new JsonObject { ["type"] = "text", ["text"] = part.Text });
            }
            else if (part.Kind == ContentKind.Image)
            {
                var imageUrl = new JsonObject { ["url"] = await OpenAIWire.ImageUrlAsync(part.Image!, cancellationToken).ConfigureAwait(false) };
                if (part.Image!.Detail is { } detail)
                {
                    imageUrl["detail"] = detail;
                }

                content.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = imageUrl });
            }
            else if (part.Kind == ContentKind.Audio && part.Audio!.Data is { } audio && AudioFormat(part.Audio.MediaType) is { } format)
            {
                content.Add(new JsonObject
                {
                    ["type"] = "input_audio",
                    ["input_audio"] = new JsonObject { ["data"] = Convert.ToBase64String(audio.Span), ["format"] = format },
                });
            }
            else if (part.Kind == ContentKind.Audio)
            {
                throw OpenAIWire.Unsupported(provider, "audio other than WAV or MP3 bytes (Chat Completions takes input_audio as base64 wav/mp3)");
            }
            else
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in a user message through Chat Completions");
            }
        }

        return content;
    }

    private static string? AudioFormat(string? mediaType) => mediaType switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
        "audio/mpeg" or "audio/mp3" => "mp3",
        _ => null,
    };

    private static JsonObject Assistant(Message message, string provider)
    {
        var result = new JsonObject { ["role"] = "assistant" };
        var text = message.Text;
        result["content"] = text.Length > 0 ? text : null;
        JsonArray? calls = null;
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.ToolCall)
            {
                var call = part.ToolCall!;
                (calls ??= []).Add(new JsonObject
                {
                    ["id"] = call.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
                });
            }
            else if (part.Kind != ContentKind.Text && part.Kind != ContentKind.Thinking && part.Kind != ContentKind.RedactedThinking)
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in an assistant message");
            }
        }

        if (calls is not null)
        {
            result["tool_calls"] = calls;
        }

        return result;
    }

    private static void AddToolResults(JsonArray messages, Message message, string provider)
    {
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.ToolResult)
            {
                messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = part.ToolResult!.ToolCallId, ["content"] = OpenAIWire.ToolResultText(part.ToolResult) });
            }
            else if (part.Kind == ContentKind.Text && message.ToolCallId is { } callId)
            {
                messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = part.Text });
            }
            else
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in a tool message");
            }
        }
    }
}
