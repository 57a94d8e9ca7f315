// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace Attractor.Llm;

/// <summary>
/// The span and measurements of one call: started with the request, ended exactly once by success, failure or
/// disposal (a stream abandoned by its consumer ends without an error).
/// </summary>
internal sealed class LlmCallTelemetry : IDisposable
{
    private readonly LlmInstruments instruments;
    private readonly Activity? activity;
    private readonly bool sensitive;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly string requestModel;
    private string? provider;
    private string? responseModel;
    private string? errorType;
    private bool firstChunkSeen;
    private bool ended;

    public LlmCallTelemetry(LlmInstruments instruments, Request request, string? defaultProvider, bool sensitive)
    {
        this.instruments = instruments;
        this.sensitive = sensitive;
        requestModel = request.Model;
        provider = request.Provider ?? defaultProvider;
        activity = LlmInstruments.Source.StartActivity($"{GenAiAttributes.ChatOperation} {request.Model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(GenAiAttributes.OperationName, GenAiAttributes.ChatOperation);
            if (provider is not null)
            {
                activity.SetTag(GenAiAttributes.ProviderName, GenAiProviderNames.For(provider));
            }

            activity.SetTag(GenAiAttributes.RequestModel, request.Model);
            activity.SetTag(GenAiAttributes.RequestTemperature, request.Temperature);
            activity.SetTag(GenAiAttributes.RequestTopP, request.TopP);
            activity.SetTag(GenAiAttributes.RequestMaxTokens, request.MaxTokens);
            if (request.StopSequences is { Count: > 0 } stops)
            {
                activity.SetTag(GenAiAttributes.RequestStopSequences, stops.ToArray());
            }

            if (request.ResponseFormat is { } format)
            {
                activity.SetTag(GenAiAttributes.OutputType, format.Type == "text" ? "text" : "json");
            }

            if (sensitive)
            {
                activity.SetTag(GenAiAttributes.InputMessages, GenAiMessageFormatter.Input(request.Messages));
            }
        }
    }

    /// <summary>Gets the seconds since the call started.</summary>
    public double Elapsed => Stopwatch.GetElapsedTime(started).TotalSeconds;

    /// <summary>Records the time to the first chunk of a stream (once).</summary>
    public void FirstChunk()
    {
        if (firstChunkSeen)
        {
            return;
        }

        firstChunkSeen = true;
        var elapsed = Elapsed;
        activity?.SetTag(GenAiAttributes.ResponseTimeToFirstChunk, elapsed);
        instruments.TimeToFirstChunk.Record(elapsed, CommonTags());
    }

    /// <summary>Records a response and ends the call.</summary>
    /// <param name="response">The response.</param>
    /// <param name="usage">The usage (a stream's finish event may carry it without a response).</param>
    /// <param name="finishReason">The finish reason.</param>
    public void Succeeded(Response? response, Usage? usage, FinishReason? finishReason)
    {
        if (ended)
        {
            return;
        }

        provider ??= response?.Provider;
        responseModel = response?.Model;
        usage ??= response?.Usage;
        finishReason ??= response?.FinishReason;
        if (activity is { IsAllDataRequested: true })
        {
            if (provider is not null)
            {
                activity.SetTag(GenAiAttributes.ProviderName, GenAiProviderNames.For(provider));
            }

            activity.SetTag(GenAiAttributes.ResponseId, response?.Id);
            activity.SetTag(GenAiAttributes.ResponseModel, responseModel);
            if (finishReason is not null)
            {
                activity.SetTag(GenAiAttributes.ResponseFinishReasons, new[] { finishReason.Reason });
            }

            if (usage is not null)
            {
                activity.SetTag(GenAiAttributes.UsageInputTokens, usage.InputTokens);
                activity.SetTag(GenAiAttributes.UsageOutputTokens, usage.OutputTokens);
                activity.SetTag(GenAiAttributes.UsageCacheReadInputTokens, usage.CacheReadTokens);
                activity.SetTag(GenAiAttributes.UsageCacheCreationInputTokens, usage.CacheWriteTokens);
            }

            if (sensitive && response is not null)
            {
                activity.SetTag(GenAiAttributes.OutputMessages, GenAiMessageFormatter.Output(response));
            }
        }

        if (usage is not null)
        {
            var tags = CommonTags();
            tags.Add(GenAiAttributes.TokenType, GenAiAttributes.InputTokenType);
            instruments.TokenUsage.Record(usage.InputTokens, tags);
            tags = CommonTags();
            tags.Add(GenAiAttributes.TokenType, GenAiAttributes.OutputTokenType);
            instruments.TokenUsage.Record(usage.OutputTokens, tags);
        }

        End();
    }

    /// <summary>Records a failure and ends the call.</summary>
    /// <param name="error">The error.</param>
    public void Failed(Exception error)
    {
        if (ended)
        {
            return;
        }

        // The exception's type name is the low-cardinality error.type the conventions ask for.
        errorType = error.GetType().FullName ?? error.GetType().Name;
        if (error is ProviderException { Provider: { Length: > 0 } failedProvider })
        {
            provider ??= failedProvider;
        }

        if (activity is not null)
        {
            activity.SetTag(GenAiAttributes.ErrorType, errorType);
            if (provider is not null)
            {
                activity.SetTag(GenAiAttributes.ProviderName, GenAiProviderNames.For(provider));
            }

            // A provider's error message may quote the request; it is only attached when content capture is on.
            activity.SetStatus(ActivityStatusCode.Error, sensitive ? error.Message : errorType);
        }

        End();
    }

    /// <summary>Ends the call if nothing else did.</summary>
    public void Dispose() => End();

    private void End()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        var tags = CommonTags();
        if (errorType is not null)
        {
            tags.Add(GenAiAttributes.ErrorType, errorType);
        }

        instruments.OperationDuration.Record(Elapsed, tags);
        activity?.Dispose();
    }

    private TagList CommonTags()
    {
        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.ChatOperation },
            { GenAiAttributes.ProviderName, provider is null ? "unknown" : GenAiProviderNames.For(provider) },
            { GenAiAttributes.RequestModel, requestModel },
        };
        if (responseModel is not null)
        {
            tags.Add(GenAiAttributes.ResponseModel, responseModel);
        }

        return tags;
    }
}
