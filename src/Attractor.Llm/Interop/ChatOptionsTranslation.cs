// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>Translates request settings between <see cref="ChatOptions"/> and <see cref="Request"/>, both ways.</summary>
internal static class ChatOptionsTranslation
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key naming the provider to route to.</summary>
    public const string ProviderProperty = "provider";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key holding <see cref="Request.ProviderOptions"/>.</summary>
    public const string ProviderOptionsProperty = "provider_options";

    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key asking for strict schema enforcement (as M.E.AI's OpenAI client reads it).</summary>
    public const string StrictJsonSchemaProperty = "strictJsonSchema";

    /// <summary>Builds a request from M.E.AI messages and options.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options.</param>
    /// <param name="defaultModel">The model when the options name none.</param>
    /// <param name="defaultProvider">The provider when the options name none.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ConfigurationException">Neither the options nor the client name a model.</exception>
    public static Request ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModel, string? defaultProvider)
    {
        var model = options?.ModelId ?? defaultModel
            ?? throw new ConfigurationException("No model: set ChatOptions.ModelId or give the chat client a default model.");
        var additional = options?.AdditionalProperties;
        return new Request
        {
            Model = model,
            Messages = ChatMessageTranslation.ToMessages(messages, options?.Instructions),
            Provider = additional?.TryGetValue(ProviderProperty, out var provider) == true && provider is string name ? name : defaultProvider,
            Tools = options?.Tools is { Count: > 0 } tools ? [.. tools.Select(ToToolDefinition)] : null,
            ToolChoice = ToToolChoice(options?.ToolMode),
            ResponseFormat = ToResponseFormat(options?.ResponseFormat, additional),
            Temperature = options?.Temperature,
            TopP = options?.TopP,
            MaxTokens = options?.MaxOutputTokens,
            StopSequences = options?.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            ReasoningEffort = ToEffort(options?.Reasoning?.Effort),
            ProviderOptions = additional?.TryGetValue(ProviderOptionsProperty, out var providerOptions) == true ? ToJsonObject(providerOptions) : null,
        };
    }

    /// <summary>Translates an M.E.AI tool; only function declarations have an equivalent (the caller executes them).</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="NotSupportedException">The tool is a hosted (provider-side) tool.</exception>
    public static ToolDefinition ToToolDefinition(AITool tool)
    {
        if (tool is not AIFunctionDeclaration function)
        {
            throw new NotSupportedException($"Tool '{tool.Name}' ({tool.GetType().Name}) is not supported: only function tools (AIFunctionDeclaration) translate to tool definitions.");
        }

        var schema = function.JsonSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out _))
        {
            // A declaration without a schema (M.E.AI's default is {}) takes no arguments; providers want an object schema.
            schema = EmptyObjectSchema;
        }

        return new ToolDefinition(function.Name, function.Description, schema);
    }

    /// <summary>Translates a tool mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>The choice, or null to leave the default.</returns>
    public static ToolChoice? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => ToolChoice.None,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Named(name),
        RequiredChatToolMode => ToolChoice.Required,
        _ => ToolChoice.Auto,
    };

    /// <summary>Translates a tool choice.</summary>
    /// <param name="choice">The choice.</param>
    /// <returns>The mode.</returns>
    public static ChatToolMode? ToChatToolMode(ToolChoice? choice) => choice?.Mode switch
    {
        null => null,
        ToolChoiceMode.None => ChatToolMode.None,
        ToolChoiceMode.Required => ChatToolMode.RequireAny,
        ToolChoiceMode.Named => ChatToolMode.RequireSpecific(choice.ToolName!),
        _ => ChatToolMode.Auto,
    };

    /// <summary>Builds M.E.AI options from a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="providerName">The adapter's name: its entry of <see cref="Request.ProviderOptions"/> becomes additional properties.</param>
    /// <returns>The options.</returns>
    public static ChatOptions ToChatOptions(Request request, string providerName)
    {
        var options = new ChatOptions
        {
            ModelId = request.Model,
            Temperature = (float?)request.Temperature,
            TopP = (float?)request.TopP,
            MaxOutputTokens = request.MaxTokens,
            StopSequences = request.StopSequences is { Count: > 0 } stops ? [.. stops] : null,
            Tools = request.Tools is { Count: > 0 } tools ? [.. tools.Select(t => (AITool)new ToolDeclaration(t))] : null,
            ToolMode = ToChatToolMode(request.ToolChoice),
        };

        if (request.ResponseFormat is { } format)
        {
            options.ResponseFormat = format.Type switch
            {
                "json" => ChatResponseFormat.Json,
                "json_schema" => ChatResponseFormat.ForJsonSchema(format.JsonSchema!.Value, format.SchemaName),
                _ => ChatResponseFormat.Text,
            };
            if (format.Strict)
            {
                (options.AdditionalProperties ??= [])[StrictJsonSchemaProperty] = true;
            }
        }

        if (ToReasoningEffort(request.ReasoningEffort) is { } effort)
        {
            options.Reasoning = new ReasoningOptions { Effort = effort };
        }

        if (request.ProviderOptions?[providerName] is JsonObject own)
        {
            // The escape hatch for this adapter: each key becomes an additional property the inner client may read.
            foreach (var (key, value) in own)
            {
                (options.AdditionalProperties ??= [])[key] = value is null ? null : ToElement(value);
            }
        }

        return options;
    }

    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static ResponseFormat? ToResponseFormat(ChatResponseFormat? format, AdditionalPropertiesDictionary? additional) => format switch
    {
        null => null,
        ChatResponseFormatJson { Schema: { } schema } json => ResponseFormat.ForSchema(
            schema,
            strict: additional?.TryGetValue(StrictJsonSchemaProperty, out var strict) == true && strict is true,
            name: json.SchemaName),
        ChatResponseFormatJson => ResponseFormat.Json,
        _ => ResponseFormat.Text,
    };

    private static string? ToEffort(ReasoningEffort? effort) => effort switch
    {
        null => null,
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        ReasoningEffort.ExtraHigh => "xhigh",
        _ => null,
    };

    private static ReasoningEffort? ToReasoningEffort(string? effort) => effort switch
    {
        "none" => ReasoningEffort.None,
        "low" or "minimal" => ReasoningEffort.Low,
        "medium" => ReasoningEffort.Medium,
        "high" => ReasoningEffort.High,
        "xhigh" => ReasoningEffort.ExtraHigh,
        _ => null,
    };

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static JsonObject? ToJsonObject(object? value) => value switch
    {
        JsonObject node => node,
        JsonElement { ValueKind: JsonValueKind.Object } element => JsonObject.Create(element),
        string text => JsonNode.Parse(text) as JsonObject,
        _ => null,
    };
}
