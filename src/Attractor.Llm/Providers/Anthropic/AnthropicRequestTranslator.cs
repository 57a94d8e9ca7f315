// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Translates a unified <see cref="Request"/> into a Messages API body (spec §7.3 Anthropic): system and developer
/// messages become <c>system</c> text blocks, tool results become <c>tool_result</c> blocks in user messages,
/// consecutive same-role messages merge (strict alternation), and <c>cache_control</c> breakpoints are placed.
/// </summary>
internal static class AnthropicRequestTranslator
{
    /// <summary>The beta flag the spec requires whenever a body carries <c>cache_control</c>.</summary>
    public const string PromptCachingBeta = "prompt-caching-2024-07-31";

    /// <summary>The output limit when the request sets none (Anthropic requires one).</summary>
    public const int DefaultMaxTokens = 4096;

    private const string Provider = "anthropic";

    // Keys of provider_options.anthropic that configure the adapter rather than the body.
    private static readonly string[] ReservedOptionKeys = ["beta_headers", "auto_cache"];

    /// <summary>Translates a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="autoCache">Whether breakpoints are placed unless the request's options say otherwise.</param>
    /// <param name="stream">Whether the body asks for a stream.</param>
    /// <param name="cancellationToken">Cancels reading local media files.</param>
    /// <returns>The body, beta header and warnings.</returns>
    public static async Task<AnthropicWireRequest> TranslateAsync(Request request, bool autoCache, bool stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<Warning>();
        var options = ProviderOptions.For(request, Provider);

        var system = new JsonArray();
        var turns = new List<(string Role, List<JsonObject> Blocks)>();
        var hasToolBlocks = false;
        foreach (var message in request.Messages)
        {
            if (message.Role is Role.System or Role.Developer)
            {
                AddSystemBlocks(message, system, warnings);
                continue;
            }

            var blocks = new List<JsonObject>(message.Content.Count);
            foreach (var part in message.Content)
            {
                if (await TranslatePartAsync(message, part, warnings, cancellationToken).ConfigureAwait(false) is { } block)
                {
                    hasToolBlocks |= (string?)block["type"] is "tool_use" or "tool_result";
                    blocks.Add(block);
                }
            }

            if (blocks.Count == 0)
            {
                continue;
            }

            var role = message.Role == Role.Assistant ? "assistant" : "user";
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Blocks.AddRange(blocks);
            }
            else
            {
                turns.Add((role, blocks));
            }
        }

        AddResponseFormatInstructions(request.ResponseFormat, system);

        var body = new JsonObject
        {
            ["model"] = request.Model,
            ["max_tokens"] = MaxTokens(request, options),
        };
        if (system.Count > 0)
        {
            body["system"] = system;
        }

        var messages = new JsonArray();
        foreach (var (role, blocks) in turns)
        {
            // Anthropic wants a user turn's tool_result blocks before anything else in it (a stable partition).
            var ordered = role == "user" ? blocks.Where(IsToolResult).Concat(blocks.Where(b => !IsToolResult(b))) : blocks;
            var content = new JsonArray();
            foreach (var block in ordered)
            {
                content.Add(block);
            }

            messages.Add(new JsonObject { ["role"] = role, ["content"] = content });
        }

        body["messages"] = messages;
        var tools = AddTools(request, body, hasToolBlocks);
        AddParameters(request, body, warnings, options);

        var cache = options?["auto_cache"] is JsonValue cacheValue && cacheValue.TryGetValue<bool>(out var requested) ? requested : autoCache;
        if (cache)
        {
            PlaceCacheBreakpoints(system, tools, messages);
        }

        ProviderOptions.MergeInto(body, options, ReservedOptionKeys);
        if (stream)
        {
            body["stream"] = true;
        }

        return new AnthropicWireRequest(body, BetaHeader(options, ContainsCacheControl(body)), warnings);
    }

    private static void AddSystemBlocks(Message message, JsonArray system, List<Warning> warnings)
    {
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                system.Add(TextBlock(part.Text));
            }
            else if (part.Kind != ContentKind.Text)
            {
                warnings.Add(new Warning($"A {part.Kind} part in a {message.Role} message was dropped: Anthropic's system prompt takes text only.", "unsupported_content"));
            }
        }
    }

    private static async Task<JsonObject?> TranslatePartAsync(Message message, ContentPart part, List<Warning> warnings, CancellationToken cancellationToken)
    {
        if (part.Kind == ContentKind.Text)
        {
            if (string.IsNullOrEmpty(part.Text))
            {
                // The API rejects empty text blocks.
                return null;
            }

            // A tool message may carry its output as plain text; Anthropic still needs a tool_result block.
            return message.Role == Role.Tool && message.ToolCallId is { } callId
                ? new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = callId, ["content"] = part.Text }
                : TextBlock(part.Text);
        }

        if (part.Kind == ContentKind.Image && part.Image is { } image)
        {
            return await ImageBlockAsync(image, cancellationToken).ConfigureAwait(false);
        }

        if (part.Kind == ContentKind.Document && part.Document is { } document)
        {
            return await DocumentBlockAsync(document, cancellationToken).ConfigureAwait(false);
        }

        if (part.Kind == ContentKind.Audio)
        {
            throw new InvalidRequestException(new ProviderErrorDetails(Provider, "Anthropic's Messages API does not accept audio input; transcribe the audio first or use a provider that takes audio (e.g. OpenAI or Gemini)."));
        }

        if (part.Kind == ContentKind.ToolCall && part.ToolCall is { } call)
        {
            return new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = ToolInput(call, warnings) };
        }

        if (part.Kind == ContentKind.ToolResult && part.ToolResult is { } result)
        {
            return ToolResultBlock(result);
        }

        if ((part.Kind == ContentKind.Thinking || part.Kind == ContentKind.RedactedThinking) && part.Thinking is { } thinking)
        {
            return ThinkingBlock(thinking, warnings);
        }

        if (part.Text is { } raw && TryParseBlock(part.Kind, raw) is { } custom)
        {
            // A block this library does not model (server_tool_use, web_search_tool_result, ...), as an earlier
            // Anthropic response gave it: the part's kind is the block's type.
            return custom;
        }

        warnings.Add(new Warning($"A '{part.Kind}' part was dropped: the Anthropic adapter cannot translate it.", "unsupported_content"));
        return null;
    }

    private static JsonObject TextBlock(string text) => new() { ["type"] = "text", ["text"] = text };

    private static bool IsToolResult(JsonObject block) => block["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "tool_result";

    private static async Task<JsonObject> ImageBlockAsync(ImageData image, CancellationToken cancellationToken)
    {
        JsonObject source;
        if (image.Data is { } data)
        {
            source = Base64Source(image.MediaType ?? "image/png", data.Span);
        }
        else if (LocalMedia.IsLocalPath(image.Url!))
        {
            var (bytes, mediaType) = await LocalMedia.ReadAsync(image.Url!, image.MediaType, cancellationToken).ConfigureAwait(false);
            source = Base64Source(mediaType, bytes);
        }
        else if (TryParseDataUrl(image.Url!) is { } dataUrl)
        {
            source = new JsonObject { ["type"] = "base64", ["media_type"] = image.MediaType ?? dataUrl.MediaType, ["data"] = dataUrl.Data };
        }
        else
        {
            source = new JsonObject { ["type"] = "url", ["url"] = image.Url };
        }

        return new JsonObject { ["type"] = "image", ["source"] = source };
    }

    private static async Task<JsonObject> DocumentBlockAsync(DocumentData document, CancellationToken cancellationToken)
    {
        JsonObject source;
        if (document.Data is { } data)
        {
            source = DocumentSource(document.MediaType ?? "application/pdf", data.ToArray());
        }
        else if (LocalMedia.IsLocalPath(document.Url!))
        {
            var (bytes, mediaType) = await LocalMedia.ReadAsync(document.Url!, document.MediaType, cancellationToken).ConfigureAwait(false);
            source = DocumentSource(mediaType, bytes);
        }
        else if (TryParseDataUrl(document.Url!) is { } dataUrl)
        {
            source = DocumentSource(document.MediaType ?? dataUrl.MediaType, Convert.FromBase64String(dataUrl.Data));
        }
        else
        {
            source = new JsonObject { ["type"] = "url", ["url"] = document.Url };
        }

        var block = new JsonObject { ["type"] = "document", ["source"] = source };
        if (document.FileName is { Length: > 0 } title)
        {
            block["title"] = title;
        }

        return block;
    }

    private static JsonObject DocumentSource(string mediaType, byte[] data)
    {
        if (mediaType == "application/pdf")
        {
            return Base64Source(mediaType, data);
        }

        if (mediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            // Anthropic takes plain-text documents as text sources.
            return new JsonObject { ["type"] = "text", ["media_type"] = "text/plain", ["data"] = Encoding.UTF8.GetString(data) };
        }

        throw new InvalidRequestException(new ProviderErrorDetails(Provider, $"Anthropic accepts PDF and plain-text documents only, not '{mediaType}'."));
    }

    private static JsonObject Base64Source(string mediaType, ReadOnlySpan<byte> data) =>
        new() { ["type"] = "base64", ["media_type"] = mediaType, ["data"] = Convert.ToBase64String(data) };

    private static (string MediaType, string Data)? TryParseDataUrl(string url)
    {
        // data:<media type>;base64,<data>
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var marker = url.IndexOf(";base64", StringComparison.OrdinalIgnoreCase);
        return comma > 0 && marker > 0 && marker < comma ? (url[5..marker], url[(comma + 1)..]) : null;
    }

    private static JsonObject ToolInput(ToolCallData call, List<Warning> warnings)
    {
        if (string.IsNullOrWhiteSpace(call.Arguments))
        {
            return new JsonObject();
        }

        try
        {
            if (JsonNode.Parse(call.Arguments) is JsonObject input)
            {
                return input;
            }
        }
        catch (JsonException)
        {
            // Reported below.
        }

        // tool_use.input must be an object; the model's malformed arguments cannot be replayed as they were.
        warnings.Add(new Warning($"The arguments of tool call '{call.Id}' are not a JSON object; they were sent as {{}}.", "invalid_tool_arguments"));
        return new JsonObject();
    }

    private static JsonObject ToolResultBlock(ToolResultData result)
    {
        JsonNode content;
        if (result.Content.ValueKind == JsonValueKind.String)
        {
            content = result.Content.GetString()!;
        }
        else if (IsContentBlockArray(result.Content))
        {
            // Already Anthropic content blocks (text, image, ...): passed through.
            content = JsonNode.Parse(result.Content.GetRawText())!;
        }
        else
        {
            content = result.Content.ValueKind == JsonValueKind.Undefined ? string.Empty : result.Content.GetRawText();
        }

        if (result.ImageData is { } image)
        {
            var blocks = content as JsonArray ?? [TextBlock(content.GetValue<string>() is { Length: > 0 } text ? text : "(image)")];
            blocks.Add(new JsonObject { ["type"] = "image", ["source"] = Base64Source(result.ImageMediaType ?? "image/png", image.Span) });
            content = blocks;
        }

        var block = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = result.ToolCallId, ["content"] = content };
        if (result.IsError)
        {
            block["is_error"] = true;
        }

        return block;
    }

    private static bool IsContentBlockArray(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array || content.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (var item in content.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonObject? ThinkingBlock(ThinkingData thinking, List<Warning> warnings)
    {
        if (thinking.Provider is { } producer && producer != Provider)
        {
            // Spec §3.5: another provider's signature (OpenAI's encrypted content, Gemini's thought signature) would be
            // rejected, and its reasoning cannot be passed off as Claude's; it is stripped.
            warnings.Add(new Warning($"A thinking part produced by '{producer}' was dropped: its signature is only valid there.", "thinking_dropped"));
            return null;
        }

        if (thinking.Redacted)
        {
            return new JsonObject { ["type"] = "redacted_thinking", ["data"] = thinking.Text };
        }

        if (thinking.Signature is null)
        {
            // Unsigned reasoning (another provider's, or hand-made) would be rejected: Anthropic verifies signatures.
            warnings.Add(new Warning("A thinking part without a signature was dropped: Anthropic only accepts thinking blocks it signed.", "thinking_dropped"));
            return null;
        }

        return new JsonObject { ["type"] = "thinking", ["thinking"] = thinking.Text, ["signature"] = thinking.Signature };
    }

    private static JsonObject? TryParseBlock(ContentKind kind, string text)
    {
        try
        {
            // Other providers' custom parts (Gemini's raw parts, ...) are not Anthropic blocks: only a part whose kind
            // names the block's type is one.
            return JsonNode.Parse(text) is JsonObject block && block["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == kind.Value
                ? block
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddResponseFormatInstructions(ResponseFormat? format, JsonArray system)
    {
        // Anthropic has no JSON mode: the schema goes into the system prompt (spec §4.5) and the reply's text is the JSON.
        if (format is null || format.Type == "text")
        {
            return;
        }

        var instruction = format.JsonSchema is { } schema
            ? "Respond with a single JSON value that conforms to the following JSON Schema, and nothing else: no prose, no Markdown code fences.\n" + schema.GetRawText()
            : "Respond with a single valid JSON value and nothing else: no prose, no Markdown code fences.";
        system.Add(TextBlock(instruction));
    }

    private static int MaxTokens(Request request, JsonObject? options)
    {
        if (request.MaxTokens is { } max)
        {
            return max;
        }

        // budget_tokens must stay below max_tokens: leave the default's room for the answer on top of the budget.
        return options?["thinking"]?["budget_tokens"] is JsonValue budget && budget.TryGetValue<int>(out var tokens) && tokens >= DefaultMaxTokens
            ? tokens + DefaultMaxTokens
            : DefaultMaxTokens;
    }

    private static JsonArray? AddTools(Request request, JsonObject body, bool hasToolBlocks)
    {
        if (request.Tools is not { Count: > 0 } definitions)
        {
            return null;
        }

        var choice = request.ToolChoice ?? ToolChoice.Auto;
        if (choice.Mode == ToolChoiceMode.None && !hasToolBlocks)
        {
            // Spec §5.3: "none" omits the tools. A conversation that already holds tool_use/tool_result blocks must
            // still define tools, so there Anthropic's own {"type":"none"} is sent instead.
            return null;
        }

        var tools = new JsonArray();
        foreach (var tool in definitions)
        {
            tools.Add(new JsonObject
            {
                ["name"] = tool.Name,
                ["description"] = tool.Description,
                ["input_schema"] = JsonNode.Parse(tool.Parameters.GetRawText()),
            });
        }

        body["tools"] = tools;
        body["tool_choice"] = choice.Mode switch
        {
            ToolChoiceMode.None => new JsonObject { ["type"] = "none" },
            ToolChoiceMode.Required => new JsonObject { ["type"] = "any" },
            ToolChoiceMode.Named => new JsonObject { ["type"] = "tool", ["name"] = choice.ToolName },
            _ => new JsonObject { ["type"] = "auto" },
        };
        return tools;
    }

    private static void AddParameters(Request request, JsonObject body, List<Warning> warnings, JsonObject? options)
    {
        if (request.Temperature is { } temperature)
        {
            body["temperature"] = temperature;
        }

        if (request.TopP is { } topP)
        {
            body["top_p"] = topP;
        }

        if (request.StopSequences is { Count: > 0 } stops)
        {
            body["stop_sequences"] = new JsonArray([.. stops.Select(s => (JsonNode?)s)]);
        }

        // A caller that configured thinking itself (as the agent's Anthropic profile does per effort)
        // has already acted on the effort: warning about it then would only mislead.
        if (request.ReasoningEffort is { } effort && options?["thinking"] is null)
        {
            warnings.Add(new Warning($"reasoning_effort '{effort}' is not sent to Anthropic; enable extended thinking with provider_options.anthropic.thinking ({{\"type\": \"enabled\", \"budget_tokens\": N}}).", "unsupported_parameter"));
        }

        if (request.Metadata is { Count: > 0 } metadata)
        {
            if (metadata.TryGetValue("user_id", out var userId))
            {
                body["metadata"] = new JsonObject { ["user_id"] = userId };
            }

            var dropped = metadata.Keys.Where(k => k != "user_id").OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
            {
                warnings.Add(new Warning($"Anthropic accepts only 'user_id' in metadata; dropped: {string.Join(", ", dropped)}.", "unsupported_parameter"));
            }
        }
    }

    /// <summary>
    /// Places up to four <c>cache_control</c> breakpoints (Anthropic's maximum): the last system block, the last tool
    /// definition, and the last cacheable block of the latest and of the second-to-latest user turn. The latest turn's
    /// breakpoint writes the whole conversation to the cache; the earlier one reads what the previous call wrote when
    /// a long run of tool results lies between them (the cache looks back about 20 blocks from a breakpoint).
    /// </summary>
    private static void PlaceCacheBreakpoints(JsonArray system, JsonArray? tools, JsonArray messages)
    {
        if (system.Count > 0)
        {
            MarkCached((JsonObject)system[^1]!);
        }

        if (tools is { Count: > 0 })
        {
            MarkCached((JsonObject)tools[^1]!);
        }

        var marked = 0;
        for (var i = messages.Count - 1; i >= 0 && marked < 2; i--)
        {
            var message = (JsonObject)messages[i]!;
            if ((string?)message["role"] != "user")
            {
                continue;
            }

            var content = (JsonArray)message["content"]!;
            for (var j = content.Count - 1; j >= 0; j--)
            {
                var block = (JsonObject)content[j]!;
                if ((string?)block["type"] is "text" or "image" or "document" or "tool_result")
                {
                    MarkCached(block);
                    marked++;
                    break;
                }
            }
        }
    }

    private static void MarkCached(JsonObject block) => block["cache_control"] = new JsonObject { ["type"] = "ephemeral" };

    private static bool ContainsCacheControl(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => p.Key == "cache_control" || ContainsCacheControl(p.Value)),
        JsonArray array => array.Any(ContainsCacheControl),
        _ => false,
    };

    private static string? BetaHeader(JsonObject? options, bool caching)
    {
        var flags = new List<string>();
        switch (options?["beta_headers"])
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue value && value.TryGetValue<string>(out var flag))
                    {
                        AddFlags(flags, flag);
                    }
                }

                break;
            case JsonValue single when single.TryGetValue<string>(out var text):
                AddFlags(flags, text);
                break;
            default:
                break;
        }

        if (caching && !flags.Contains(PromptCachingBeta))
        {
            flags.Add(PromptCachingBeta);
        }

        return flags.Count == 0 ? null : string.Join(',', flags);
    }

    private static void AddFlags(List<string> flags, string text)
    {
        foreach (var flag in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!flags.Contains(flag))
            {
                flags.Add(flag);
            }
        }
    }
}
