// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Translates a unified <see cref="Request"/> into a Responses API body (<c>POST /responses</c>): system text
/// becomes <c>instructions</c>, developer messages stay in place as <c>developer</c> input items, tool calls and
/// results are top-level <c>function_call</c>/<c>function_call_output</c> items.
/// </summary>
internal static class ResponsesRequestBuilder
{
    /// <summary>Keys of <c>provider_options.openai</c> that are not copied verbatim (see <see cref="BuildAsync"/>).</summary>
    private static readonly string[] ReservedOptions = ["tools", "strict_tools"];

    /// <summary>Builds the body.</summary>
    /// <param name="request">The request.</param>
    /// <param name="provider">The provider name (for errors and options).</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <param name="warnings">Receives non-fatal issues (ignored parameters).</param>
    /// <param name="cancellationToken">Cancels reading local media.</param>
    /// <returns>The body.</returns>
    public static async Task<JsonObject> BuildAsync(Request request, string provider, bool stream, List<Warning> warnings, CancellationToken cancellationToken)
    {
        var options = ProviderOptions.For(request, provider);
        var body = new JsonObject { ["model"] = request.Model };
        var instructions = new StringBuilder();
        var input = new JsonArray();

        foreach (var message in request.Messages)
        {
            switch (message.Role)
            {
                case Role.System:
                    if (instructions.Length > 0)
                    {
                        instructions.Append("\n\n");
                    }

                    instructions.Append(message.Text);
                    break;
                case Role.Developer:
                    input.Add(new JsonObject
                    {
                        ["type"] = "message",
                        ["role"] = "developer",
                        ["content"] = new JsonArray(InputText(message.Text)),
                    });
                    break;
                case Role.User:
                    input.Add(await UserMessageAsync(message, provider, cancellationToken).ConfigureAwait(false));
                    break;
                case Role.Assistant:
                    AddAssistant(input, message, provider);
                    break;
                case Role.Tool:
                    AddToolResults(input, message, provider);
                    break;
                default:
                    throw OpenAIWire.Unsupported(provider, $"a message with role {message.Role}");
            }
        }

        if (instructions.Length > 0)
        {
            body["instructions"] = instructions.ToString();
        }

        body["input"] = input;
        AddTools(body, request, options);

        if (request.ReasoningEffort is { } effort)
        {
            body["reasoning"] = new JsonObject { ["effort"] = effort };
        }

        if (request.MaxTokens is { } maxTokens)
        {
            body["max_output_tokens"] = maxTokens;
        }

        if (request.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (request.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (request.StopSequences is { Count: > 0 })
        {
            // The Responses API has no stop parameter; sending one is a 400. Dropping it loudly beats failing.
            warnings.Add(new Warning("The OpenAI Responses API has no stop sequences; stop_sequences was ignored.", "unsupported_parameter"));
        }

        if (TextFormat(request.ResponseFormat) is { } format)
        {
            body["text"] = new JsonObject { ["format"] = format };
        }

        if (request.Metadata is { Count: > 0 } metadata)
        {
            body["metadata"] = OpenAIWire.Metadata(metadata);
        }

        if (stream)
        {
            body["stream"] = true;
        }

        ProviderOptions.MergeInto(body, options, ReservedOptions);
        return body;
    }

    private static JsonObject InputText(string text) => new() { ["type"] = "input_text", ["text"] = text };

    private static async Task<JsonObject> UserMessageAsync(Message message, string provider, CancellationToken cancellationToken)
    {
        var content = new JsonArray();
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text)
            {
                content.Add(InputText(part.Text!));
            }
            else if (part.Kind == ContentKind.Image)
            {
                var image = part.Image!;
                var item = new JsonObject
                {
                    ["type"] = "input_image",
                    ["image_url"] = await OpenAIWire.ImageUrlAsync(image, cancellationToken).ConfigureAwait(false),
                };
                if (image.Detail is { } detail)
                {
                    item["detail"] = detail;
                }

                content.Add(item);
            }
            else if (part.Kind == ContentKind.Document)
            {
                content.Add(await InputFileAsync(part.Document!, cancellationToken).ConfigureAwait(false));
            }
            else if (part.Kind == ContentKind.Audio)
            {
                throw OpenAIWire.Unsupported(provider, "audio input through the Responses API (use a document/file or transcribe first)");
            }
            else
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in a user message");
            }
        }

        return new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = content };
    }

    private static async Task<JsonObject> InputFileAsync(DocumentData document, CancellationToken cancellationToken)
    {
        var item = new JsonObject { ["type"] = "input_file" };
        if (document.Url is { } url && !LocalMedia.IsLocalPath(url))
        {
            item["file_url"] = url;
            return item;
        }

        byte[] data;
        string mediaType;
        string fileName;
        if (document.Url is { } path)
        {
            (data, mediaType) = await LocalMedia.ReadAsync(path, document.MediaType, cancellationToken).ConfigureAwait(false);
            fileName = document.FileName ?? Path.GetFileName(path);
        }
        else
        {
            data = document.Data!.Value.ToArray();
            mediaType = document.MediaType ?? "application/pdf";
            fileName = document.FileName ?? "document" + (mediaType == "application/pdf" ? ".pdf" : string.Empty);
        }

        item["filename"] = fileName;
        item["file_data"] = OpenAIWire.DataUri(mediaType, data);
        return item;
    }

    private static void AddAssistant(JsonArray input, Message message, string provider)
    {
        JsonArray? text = null;
        void Flush()
        {
            if (text is not null)
            {
                input.Add(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = text });
                text = null;
            }
        }

        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text)
            {
                (text ??= []).Add(new JsonObject { ["type"] = "output_text", ["text"] = part.Text });
            }
            else if (part.Kind == ContentKind.ToolCall)
            {
                // Calls are top-level items in order with the text around them.
                Flush();
                var call = part.ToolCall!;
                input.Add(call.Type == "custom"
                    ? new JsonObject { ["type"] = "custom_tool_call", ["call_id"] = call.Id, ["name"] = call.Name, ["input"] = call.Arguments }
                    : new JsonObject { ["type"] = "function_call", ["call_id"] = call.Id, ["name"] = call.Name, ["arguments"] = call.Arguments });
            }
            else if (part.Kind == ContentKind.Thinking || part.Kind == ContentKind.RedactedThinking)
            {
                // Only OpenAI's own reasoning with its encrypted content goes back (stateless continuation); a bare id
                // fails when the earlier response was not stored, and other providers' reasoning means nothing here.
                if (ReasoningItem(part.Thinking!) is { } reasoning)
                {
                    Flush();
                    input.Add(reasoning);
                }
            }
            else
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in an assistant message");
            }
        }

        Flush();
    }

    private static JsonObject? ReasoningItem(ThinkingData thinking)
    {
        var encrypted = thinking.Redacted ? thinking.Text : thinking.Signature;
        if (thinking.Provider != OpenAIAdapter.ProviderName || thinking.Id is null || string.IsNullOrEmpty(encrypted))
        {
            return null;
        }

        var summary = new JsonArray();
        if (!thinking.Redacted && thinking.Text.Length > 0)
        {
            summary.Add(new JsonObject { ["type"] = "summary_text", ["text"] = thinking.Text });
        }

        return new JsonObject { ["type"] = "reasoning", ["id"] = thinking.Id, ["summary"] = summary, ["encrypted_content"] = encrypted };
    }

    private static void AddToolResults(JsonArray input, Message message, string provider)
    {
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.ToolResult)
            {
                var result = part.ToolResult!;
                JsonNode output = OpenAIWire.ToolResultText(result);
                if (result.ImageData is { } image)
                {
                    output = new JsonArray(
                        InputText(OpenAIWire.ToolResultText(result)),
                        new JsonObject { ["type"] = "input_image", ["image_url"] = OpenAIWire.DataUri(result.ImageMediaType ?? "image/png", image.Span) });
                }

                input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = result.ToolCallId, ["output"] = output });
            }
            else if (part.Kind == ContentKind.Text && message.ToolCallId is { } callId)
            {
                input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = callId, ["output"] = part.Text });
            }
            else
            {
                throw OpenAIWire.Unsupported(provider, $"a '{part.Kind}' part in a tool message");
            }
        }
    }

    private static void AddTools(JsonObject body, Request request, JsonObject? options)
    {
        var tools = new JsonArray();
        var strict = options?["strict_tools"] is JsonValue value && value.TryGetValue<bool>(out var s) && s;
        foreach (var tool in request.Tools ?? [])
        {
            // The Responses API defaults strict to true, which rejects most hand-written schemas; opt in instead.
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["name"] = tool.Name,
                ["description"] = tool.Description,
                ["parameters"] = OpenAIWire.Node(tool.Parameters),
                ["strict"] = strict,
            });
        }

        // Built-in tools (web_search, file_search, ...) from provider options join the function tools.
        if (options?["tools"] is JsonArray builtIn)
        {
            foreach (var tool in builtIn)
            {
                tools.Add(tool?.DeepClone());
            }
        }

        if (tools.Count == 0)
        {
            return;
        }

        body["tools"] = tools;
        if (request.ToolChoice is { } choice)
        {
            body["tool_choice"] = choice.Mode switch
            {
                ToolChoiceMode.Auto => "auto",
                ToolChoiceMode.None => "none",
                ToolChoiceMode.Required => "required",
                _ => new JsonObject { ["type"] = "function", ["name"] = choice.ToolName },
            };
        }
    }

    private static JsonObject? TextFormat(ResponseFormat? format) => format?.Type switch
    {
        "json" => new JsonObject { ["type"] = "json_object" },
        "json_schema" => new JsonObject
        {
            ["type"] = "json_schema",
            ["name"] = format.SchemaName ?? "response",
            ["schema"] = OpenAIWire.Node(format.JsonSchema!.Value),
            ["strict"] = format.Strict,
        },
        _ => null,
    };
}
