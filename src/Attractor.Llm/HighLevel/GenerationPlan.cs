// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// A validated <see cref="GenerateOptions"/>: the client, the resolved model, the initial conversation, the tools by
/// name and the retry policy — shared by every high-level call.
/// </summary>
internal sealed class GenerationPlan
{
    private GenerationPlan(GenerateOptions options, LlmClient client, string model, IReadOnlyList<Message> messages, Dictionary<string, Tool> tools, RetryPolicy retry)
    {
        Options = options;
        Client = client;
        Model = model;
        Messages = messages;
        Tools = tools;
        Retry = retry;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    public GenerateOptions Options { get; }

    public LlmClient Client { get; }

    public string Model { get; }

    public IReadOnlyList<Message> Messages { get; }

    public IReadOnlyDictionary<string, Tool> Tools { get; }

    public RetryPolicy Retry { get; }

    public TimeProvider TimeProvider { get; }

    public static GenerationPlan Create(GenerateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Prompt is not null && options.Messages is not null)
        {
            throw new ArgumentException("Give either Prompt or Messages, not both.", nameof(options));
        }

        if (options.Prompt is null && (options.Messages is null || options.Messages.Count == 0))
        {
            throw new ArgumentException("Give a Prompt or a non-empty Messages list.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxToolRounds, nameof(options.MaxToolRounds));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options.MaxRetries));

        var client = options.Client ?? LlmClient.Default;
        var model = options.Model ?? DefaultModel(client, options.Provider);

        var messages = new List<Message>();
        if (options.System is not null)
        {
            messages.Add(Message.System(options.System));
        }

        if (options.Prompt is not null)
        {
            messages.Add(Message.User(options.Prompt));
        }
        else
        {
            messages.AddRange(options.Messages!);
        }

        var tools = new Dictionary<string, Tool>(StringComparer.Ordinal);
        foreach (var tool in options.Tools ?? [])
        {
            if (!tools.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"Two tools are named '{tool.Name}'; tool names must be unique.", nameof(options));
            }
        }

        var retry = options.RetryPolicy ?? (options.MaxRetries == RetryPolicy.Default.MaxRetries ? RetryPolicy.Default : RetryPolicy.Default with { MaxRetries = options.MaxRetries });
        return new GenerationPlan(options, client, model, messages, tools, retry);
    }

    public Request BuildRequest(IReadOnlyList<Message> conversation) => new()
    {
        Model = Model,
        Messages = conversation,
        Provider = Options.Provider,
        Tools = Options.Tools is { Count: > 0 } tools ? [.. tools.Select(t => t.Definition)] : null,
        ToolChoice = Options.ToolChoice,
        ResponseFormat = Options.ResponseFormat,
        Temperature = Options.Temperature,
        TopP = Options.TopP,
        MaxTokens = Options.MaxTokens,
        StopSequences = Options.StopSequences,
        ReasoningEffort = Options.ReasoningEffort,
        Metadata = Options.Metadata,
        ProviderOptions = Options.ProviderOptions,
    };

    /// <summary>
    /// Tells whether the tools a response asks for should be executed now: the model stopped to call tools, the
    /// round budget remains, and no call is for a passive tool (those calls belong to the caller, so the loop
    /// hands the whole response back rather than answering only part of it).
    /// </summary>
    public bool ShouldExecuteTools(Response response, int round)
    {
        if (round >= Options.MaxToolRounds || response.FinishReason.Reason != FinishReason.ToolCalls)
        {
            return false;
        }

        var calls = response.ToolCalls;
        return calls.Count > 0 && !calls.Any(c => Tools.TryGetValue(c.Name, out var tool) && !tool.IsActive);
    }

    private static string DefaultModel(LlmClient client, string? provider)
    {
        provider ??= client.DefaultProvider
            ?? throw new ConfigurationException("No model was given and there is no provider to pick one for: set Model, Provider, or a default provider.");
        return ModelCatalog.Default.GetLatestModel(provider)?.Id
            ?? throw new ConfigurationException($"No model was given and the model catalog knows no model of provider '{provider}': set Model.");
    }
}
