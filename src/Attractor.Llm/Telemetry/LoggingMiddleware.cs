// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Attractor.Llm;

/// <summary>
/// Logs every call through an <see cref="ILogger"/>: the request's shape at debug level, the outcome (response id,
/// finish reason, token counts, duration) at information level, failures at warning level with the exception, and
/// cancellations at debug level. Message contents are logged (at trace level) only when <see cref="LogContent"/> is
/// set; API keys never reach this middleware.
/// </summary>
public sealed partial class LoggingMiddleware : ILlmMiddleware
{
    private readonly ILogger logger;

    /// <summary>Initializes the middleware.</summary>
    /// <param name="logger">The logger.</param>
    public LoggingMiddleware(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        this.logger = logger;
    }

    /// <summary>Initializes the middleware with a logger of category <c>Attractor.Llm</c>.</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public LoggingMiddleware(ILoggerFactory loggerFactory)
        : this((loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory))).CreateLogger(LlmInstruments.Name))
    {
    }

    /// <summary>Gets a value indicating whether request and response contents are logged at trace level. Off by default.</summary>
    public bool LogContent { get; init; }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        LogStart(request, "complete");
        try
        {
            var response = await next(request, cancellationToken).ConfigureAwait(false);
            LogFinish(request, response, response.Usage, response.FinishReason, started);
            return response;
        }
        catch (Exception ex)
        {
            LogFailure(request, "complete", ex, started);
            throw;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var provider = Provider(request);
        LogStart(request, "stream");
        var firstChunk = false;
        var finished = false;
        IAsyncEnumerator<StreamEvent> events;
        try
        {
            events = next(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex)
        {
            LogFailure(request, "stream", ex, started);
            throw;
        }

        try
        {
            await using (events.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (Exception ex)
                    {
                        finished = true;
                        LogFailure(request, "stream", ex, started);
                        throw;
                    }

                    var streamEvent = events.Current;
                    if (!firstChunk && streamEvent.Type != StreamEventType.StreamStart)
                    {
                        firstChunk = true;
                        if (logger.IsEnabled(LogLevel.Debug))
                        {
                            var elapsed = Milliseconds(started);
                            Log.FirstChunk(logger, provider, request.Model, elapsed);
                        }
                    }

                    if (streamEvent.Type == StreamEventType.Finish && !finished)
                    {
                        finished = true;
                        LogFinish(request, streamEvent.Response, streamEvent.Usage, streamEvent.FinishReason, started);
                    }
                    else if (streamEvent.Type == StreamEventType.Error && !finished)
                    {
                        finished = true;
                        LogFailure(request, "stream", streamEvent.Error ?? new StreamException("The stream reported an error."), started);
                    }

                    yield return streamEvent;
                }
            }
        }
        finally
        {
            if (!finished && logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Milliseconds(started);
                Log.StreamAbandoned(logger, provider, request.Model, elapsed);
            }
        }
    }

    private static string Provider(Request request) => request.Provider ?? "(default)";

    private static double Milliseconds(long started) => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);

    private void LogStart(Request request, string mode)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var provider = Provider(request);
            var toolCount = request.Tools?.Count ?? 0;
            Log.RequestStarting(logger, mode, provider, request.Model, request.Messages.Count, toolCount);
        }

        if (LogContent && logger.IsEnabled(LogLevel.Trace))
        {
            var content = GenAiMessageFormatter.Input(request.Messages);
            Log.RequestContent(logger, content);
        }
    }

    private void LogFinish(Request request, Response? response, Usage? usage, FinishReason? finishReason, long started)
    {
        usage ??= response?.Usage;
        if (logger.IsEnabled(LogLevel.Information))
        {
            var provider = response?.Provider ?? Provider(request);
            var model = response?.Model ?? request.Model;
            var reason = (finishReason ?? response?.FinishReason)?.Reason;
            var elapsed = Milliseconds(started);
            Log.RequestCompleted(logger, provider, model, response?.Id, reason, usage?.InputTokens, usage?.OutputTokens, elapsed);
        }

        if (LogContent && response is not null && logger.IsEnabled(LogLevel.Trace))
        {
            var content = GenAiMessageFormatter.Output(response);
            Log.ResponseContent(logger, content);
        }
    }

    private void LogFailure(Request request, string mode, Exception error, long started)
    {
        if (error is OperationCanceledException)
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            var provider = Provider(request);
            var elapsed = Milliseconds(started);
            Log.RequestCancelled(logger, mode, provider, request.Model, elapsed);
        }
        else if (logger.IsEnabled(LogLevel.Warning))
        {
            var provider = Provider(request);
            var errorType = error.GetType().Name;
            var elapsed = Milliseconds(started);
            Log.RequestFailed(logger, mode, provider, request.Model, errorType, elapsed, error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "LlmRequestStarting", Level = LogLevel.Debug,
            Message = "LLM {Mode} request to {Provider}/{Model}: {MessageCount} messages, {ToolCount} tools")]
        public static partial void RequestStarting(ILogger logger, string mode, string provider, string model, int messageCount, int toolCount);

        [LoggerMessage(EventId = 2, EventName = "LlmRequestCompleted", Level = LogLevel.Information,
            Message = "LLM response from {Provider}/{Model} ({ResponseId}): finish {FinishReason}, {InputTokens} input and {OutputTokens} output tokens in {ElapsedMs} ms")]
        public static partial void RequestCompleted(ILogger logger, string provider, string model, string? responseId, string? finishReason, int? inputTokens, int? outputTokens, double elapsedMs);

        [LoggerMessage(EventId = 3, EventName = "LlmFirstChunk", Level = LogLevel.Debug,
            Message = "LLM stream from {Provider}/{Model}: first chunk after {ElapsedMs} ms")]
        public static partial void FirstChunk(ILogger logger, string provider, string model, double elapsedMs);

        [LoggerMessage(EventId = 4, EventName = "LlmRequestFailed", Level = LogLevel.Warning,
            Message = "LLM {Mode} request to {Provider}/{Model} failed after {ElapsedMs} ms: {ErrorType}")]
        public static partial void RequestFailed(ILogger logger, string mode, string provider, string model, string errorType, double elapsedMs, Exception exception);

        [LoggerMessage(EventId = 5, EventName = "LlmRequestCancelled", Level = LogLevel.Debug,
            Message = "LLM {Mode} request to {Provider}/{Model} cancelled after {ElapsedMs} ms")]
        public static partial void RequestCancelled(ILogger logger, string mode, string provider, string model, double elapsedMs);

        [LoggerMessage(EventId = 6, EventName = "LlmStreamAbandoned", Level = LogLevel.Debug,
            Message = "LLM stream from {Provider}/{Model} was disposed before it finished, after {ElapsedMs} ms")]
        public static partial void StreamAbandoned(ILogger logger, string provider, string model, double elapsedMs);

        [LoggerMessage(EventId = 7, EventName = "LlmRequestContent", Level = LogLevel.Trace, Message = "LLM request messages: {Messages}")]
        public static partial void RequestContent(ILogger logger, string messages);

        [LoggerMessage(EventId = 8, EventName = "LlmResponseContent", Level = LogLevel.Trace, Message = "LLM response messages: {Messages}")]
        public static partial void ResponseContent(ILogger logger, string messages);
    }
}
