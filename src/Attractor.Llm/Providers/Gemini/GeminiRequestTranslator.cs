// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>Builds the body of a Gemini <c>generateContent</c> request from a unified <see cref="Request"/>.</summary>
internal static class GeminiRequestTranslator
{
    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Translates a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels reading local media files.</param>
    /// <returns>The JSON body, and warnings about what Gemini cannot express.</returns>
    /// <exception cref="InvalidRequestException">A tool result answers a call whose function name cannot be found.</exception>
    /// <exception cref="ConfigurationException">A local media file cannot be read.</exception>
    public static async Task<(JsonObject Body, IReadOnlyList<Warning> Warnings)> TranslateAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var system = new JsonArray();
        var contents = new JsonArray();

        // Gemini answers tool results by function name; the adapter is stateless, so names come from the calls
        // in earlier assistant messages of this same request.
        var functionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var previousWasTool = false;
        foreach (var message in request.Messages)
        {
            switch (message.Role)
            {
                case Role.System or Role.Developer:
                    foreach (var part in message.Content)
                    {
                        if (part.Kind == ContentKind.Text && part.Text is not null)
                        {
                            system.Add(new JsonObject { ["text"] = part.Text });
                        }
                        else
                        {
                            warnings.Add(new Warning($"A {part.Kind} part of a {message.Role} message was dropped: Gemini's systemInstruction takes text only.", "unsupported_content"));
                        }
                    }

                    previousWasTool = false;
                    continue;

                case Role.Assistant:
                    foreach (var part in message.Content)
                    {
                        if (part.Kind == ContentKind.ToolCall && part.ToolCall is { } call)
                        {
                            functionNames[call.Id] = call.Name;
                        }
                    }

                    AddContent(contents, "model", await TranslatePartsAsync(message, functionNames, warnings, cancellationToken).ConfigureAwait(false));
                    previousWasTool = false;
                    continue;

                case Role.Tool:
                    var parts = await TranslatePartsAsync(message, functionNames, warnings, cancellationToken).ConfigureAwait(false);
                    if (previousWasTool && contents[^1] is JsonObject { } last && last["parts"] is JsonArray lastParts)
                    {
                        // Results of parallel calls travel together in one user turn, as Gemini's docs show them.
                        foreach (var part in parts.ToList())
                        {
                            parts.Remove(part);
                            lastParts.Add(part);
                        }
                    }
                    else
                    {
                        AddContent(contents, "user", parts);
                    }

                    previousWasTool = true;
                    continue;

                default:
                    AddContent(contents, "user", await TranslatePartsAsync(message, functionNames, warnings, cancellationToken).ConfigureAwait(false));
                    previousWasTool = false;
                    continue;
            }
        }

        var body = new JsonObject();
        if (system.Count > 0)
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = system };
        }

        body["contents"] = contents;
        AddTools(request, body, warnings);
        var generationConfig = GenerationConfig(request, warnings);
        if (generationConfig.Count > 0)
        {
            body["generationConfig"] = generationConfig;
        }

        if (request.Metadata is { Count: > 0 })
        {
            warnings.Add(new Warning("Request metadata was not sent: the Gemini API has no metadata field.", "unsupported_parameter"));
        }

        var options = ProviderOptions.For(request, GeminiAdapter.ProviderName);
        ProviderOptions.MergeInto(body, options);
        ResolveThinkingConflict(body, options);
        return (body, warnings);
    }

    /// <summary>Tells whether an id was made up by this adapter (Gemini assigned none), so it is not sent back.</summary>
    /// <param name="id">The tool call id.</param>
    /// <returns>True for <c>call_</c> followed by 32 hex digits.</returns>
    public static bool IsSyntheticId(string id) =>
        id.Length == 37 && id.StartsWith("call_", StringComparison.Ordinal) && !id.AsSpan(5).ContainsAnyExcept(LowerHexDigits);

    // Gemini rejects a turn without parts; a message whose parts were all dropped (warned about) is left out.
    private static void AddContent(JsonArray contents, string role, JsonArray parts)
    {
        if (parts.Count > 0)
        {
            contents.Add(new JsonObject { ["role"] = role, ["parts"] = parts });
        }
    }

    private static async Task<JsonArray> TranslatePartsAsync(Message message, Dictionary<string, string> functionNames, List<Warning> warnings, CancellationToken cancellationToken)
    {
        var parts = new JsonArray();
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text)
            {
                parts.Add(new JsonObject { ["text"] = part.Text ?? string.Empty });
            }
            else if (part.Kind == ContentKind.Image && part.Image is { } image)
            {
                parts.Add(await MediaAsync(image.Url, image.Data, image.MediaType, "image/jpeg", cancellationToken).ConfigureAwait(false));
            }
            else if (part.Kind == ContentKind.Audio && part.Audio is { } audio)
            {
                parts.Add(await MediaAsync(audio.Url, audio.Data, audio.MediaType, "audio/wav", cancellationToken).ConfigureAwait(false));
            }
            else if (part.Kind == ContentKind.Document && part.Document is { } document)
            {
                parts.Add(await MediaAsync(document.Url, document.Data, document.MediaType, "application/pdf", cancellationToken).ConfigureAwait(false));
            }
            else if (part.Kind == ContentKind.ToolCall && part.ToolCall is { } call)
            {
                var functionCall = new JsonObject { ["name"] = call.Name, ["args"] = Arguments(call.Arguments) };
                if (!IsSyntheticId(call.Id))
                {
                    functionCall["id"] = call.Id;
                }

                parts.Add(new JsonObject { ["functionCall"] = functionCall });
            }
            else if (part.Kind == ContentKind.ToolResult && part.ToolResult is { } result)
            {
                parts.Add(FunctionResponse(message, result, functionNames));
                if (result.ImageData is { } bytes)
                {
                    parts.Add(InlineData(result.ImageMediaType ?? "image/png", bytes.Span));
                }
            }
            else if (part.Kind == ContentKind.Thinking && part.Thinking is { } thinking)
            {
                var thought = new JsonObject { ["text"] = thinking.Text, ["thought"] = true };

                // A signature is valid only with the provider that issued it (spec §3.5): another provider's is stripped.
                if (thinking.Signature is not null && thinking.Provider is null or GeminiAdapter.ProviderName)
                {
                    thought["thoughtSignature"] = thinking.Signature;
                }

                parts.Add(thought);
            }
            else if (part.Kind == GeminiAdapter.ThoughtSignatureKind && part.Text is { } signature)
            {
                // The signature belongs to the part before it (see GeminiAdapter.ThoughtSignatureKind).
                if (parts.Count > 0 && parts[^1] is JsonObject previous && !previous.ContainsKey("thoughtSignature"))
                {
                    previous["thoughtSignature"] = signature;
                }
                else
                {
                    parts.Add(new JsonObject { ["text"] = string.Empty, ["thoughtSignature"] = signature });
                }
            }
            else if (part.Kind == GeminiAdapter.RawPartKind && part.Text is { } raw && JsonNode.Parse(raw) is JsonObject rawPart)
            {
                parts.Add(rawPart);
            }
            else
            {
                warnings.Add(new Warning($"A {part.Kind} part was dropped: Gemini has no equivalent.", "unsupported_content"));
            }
        }

        return parts;
    }

    private static JsonObject FunctionResponse(Message message, ToolResultData result, Dictionary<string, string> functionNames)
    {
        var name = functionNames.GetValueOrDefault(result.ToolCallId) ?? message.Name
            ?? throw new InvalidRequestException(new ProviderErrorDetails(
                GeminiAdapter.ProviderName,
                $"The tool result for call '{result.ToolCallId}' cannot be sent to Gemini: no earlier assistant message of the request has that call, and the tool message has no Name. Gemini identifies function responses by function name."));

        JsonNode? content = JsonNode.Parse(result.Content.ValueKind == JsonValueKind.Undefined ? "null" : result.Content.GetRawText());
        JsonObject response = result.IsError
            ? new JsonObject { ["error"] = content }
            : content as JsonObject ?? new JsonObject { ["result"] = content };

        var functionResponse = new JsonObject { ["name"] = name, ["response"] = response };
        if (!IsSyntheticId(result.ToolCallId))
        {
            functionResponse["id"] = result.ToolCallId;
        }

        return new JsonObject { ["functionResponse"] = functionResponse };
    }

    private static JsonObject Arguments(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new JsonObject();
        }

        try
        {
            // Gemini's args is an object; other providers' calls may carry anything, which is kept under a key.
            return JsonNode.Parse(arguments) is JsonObject args ? args : new JsonObject { ["arguments"] = arguments };
        }
        catch (JsonException)
        {
            return new JsonObject { ["arguments"] = arguments };
        }
    }

    private static async Task<JsonObject> MediaAsync(string? url, ReadOnlyMemory<byte>? data, string? mediaType, string fallbackType, CancellationToken cancellationToken)
    {
        if (data is { } bytes)
        {
            return InlineData(mediaType ?? fallbackType, bytes.Span);
        }

        if (LocalMedia.IsLocalPath(url!))
        {
            var (content, type) = await LocalMedia.ReadAsync(url!, mediaType, cancellationToken).ConfigureAwait(false);
            return InlineData(type, content);
        }

        if (mediaType is null)
        {
            var inferred = LocalMedia.MediaTypeOf(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url!);
            mediaType = inferred == "application/octet-stream" ? fallbackType : inferred;
        }

        return new JsonObject { ["fileData"] = new JsonObject { ["mimeType"] = mediaType, ["fileUri"] = url } };
    }

    private static JsonObject InlineData(string mediaType, ReadOnlySpan<byte> data) =>
        new() { ["inlineData"] = new JsonObject { ["mimeType"] = mediaType, ["data"] = Convert.ToBase64String(data) } };

    private static void AddTools(Request request, JsonObject body, List<Warning> warnings)
    {
        if (request.Tools is not { Count: > 0 } tools)
        {
            if (request.ToolChoice is { Mode: ToolChoiceMode.Required or ToolChoiceMode.Named })
            {
                warnings.Add(new Warning($"Tool choice {request.ToolChoice.Mode} was ignored: the request has no tools.", "unsupported_parameter"));
            }

            return;
        }

        var declarations = new JsonArray();
        foreach (var tool in tools)
        {
            var declaration = new JsonObject { ["name"] = tool.Name, ["description"] = tool.Description };

            // An argument-less function is declared without parameters: Gemini rejects an OBJECT with no properties.
            if (!GeminiSchema.HasNoProperties(tool.Parameters))
            {
                declaration["parameters"] = GeminiSchema.Translate(tool.Parameters);
            }

            declarations.Add(declaration);
        }

        body["tools"] = new JsonArray(new JsonObject { ["functionDeclarations"] = declarations });
        if (request.ToolChoice is not { } choice)
        {
            return;
        }

        var config = new JsonObject
        {
            ["mode"] = choice.Mode switch
            {
                ToolChoiceMode.None => "NONE",
                ToolChoiceMode.Required or ToolChoiceMode.Named => "ANY",
                _ => "AUTO",
            },
        };
        if (choice.Mode == ToolChoiceMode.Named)
        {
            config["allowedFunctionNames"] = new JsonArray(choice.ToolName);
        }

        body["toolConfig"] = new JsonObject { ["functionCallingConfig"] = config };
    }

    private static JsonObject GenerationConfig(Request request, List<Warning> warnings)
    {
        var config = new JsonObject();
        if (request.Temperature is { } temperature)
        {
            config["temperature"] = temperature;
        }

        if (request.TopP is { } topP)
        {
            config["topP"] = topP;
        }

        if (request.MaxTokens is { } maxTokens)
        {
            config["maxOutputTokens"] = maxTokens;
        }

        if (request.StopSequences is { Count: > 0 } stops)
        {
            config["stopSequences"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }

        if (request.ResponseFormat is { Type: "json" or "json_schema" } format)
        {
            config["responseMimeType"] = "application/json";
            if (format.JsonSchema is { } schema)
            {
                config["responseSchema"] = GeminiSchema.Translate(schema);
            }
        }

        if (request.ReasoningEffort is { } effort && ThinkingConfig(request.Model, effort, warnings) is { } thinking)
        {
            config["thinkingConfig"] = thinking;
        }

        return config;
    }

    /// <summary>
    /// Maps <c>reasoning_effort</c>: Gemini 1.x/2.x models take a token budget (low 1024, medium 8192, high
    /// 24576, none/minimal 0), Gemini 3 and later a level (<c>thinkingLevel</c>, the effort as given). Thoughts are
    /// requested (<c>includeThoughts</c>) so they come back as thinking parts.
    /// </summary>
    private static JsonObject? ThinkingConfig(string model, string effort, List<Warning> warnings)
    {
        var level = effort.Trim().ToLowerInvariant();
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model[7..] : model;
        var thinking = new JsonObject { ["includeThoughts"] = true };
        if (name.StartsWith("gemini-1.", StringComparison.Ordinal) || name.StartsWith("gemini-2.", StringComparison.Ordinal))
        {
            int? budget = level switch
            {
                "none" or "minimal" => 0,
                "low" => 1024,
                "medium" => 8192,
                "high" => 24576,
                _ => null,
            };
            if (budget is null)
            {
                warnings.Add(new Warning($"Reasoning effort '{effort}' has no Gemini thinking budget; the model's default applies.", "unsupported_parameter"));
                return null;
            }

            thinking["thinkingBudget"] = budget.Value;
            if (budget == 0)
            {
                thinking.Remove("includeThoughts");
            }
        }
        else
        {
            thinking["thinkingLevel"] = level;
        }

        return thinking;
    }

    // thinkingLevel and thinkingBudget together are a 400: a value set through provider_options wins over ours.
    private static void ResolveThinkingConflict(JsonObject body, JsonObject? options)
    {
        if (options?["generationConfig"]?["thinkingConfig"] is not JsonObject chosen
            || body["generationConfig"]?["thinkingConfig"] is not JsonObject thinking)
        {
            return;
        }

        if (chosen.ContainsKey("thinkingBudget") && !chosen.ContainsKey("thinkingLevel"))
        {
            thinking.Remove("thinkingLevel");
        }
        else if (chosen.ContainsKey("thinkingLevel") && !chosen.ContainsKey("thinkingBudget"))
        {
            thinking.Remove("thinkingBudget");
        }
    }
}
