// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Attractor.Llm;

public static partial class Llm
{
    /// <summary>
    /// Streams a generation. With active tools, each step's events are followed by tool execution and a
    /// <see cref="StreamEventType.StepFinish"/> event, then the next step streams; one
    /// <see cref="StreamEventType.Finish"/> ends the stream. Opening a step's stream is retried on transient errors
    /// only until its first event arrives; a failure after that yields an <see cref="StreamEventType.Error"/> event
    /// and then throws the error.
    /// </summary>
    /// <param name="options">The parameters.</param>
    /// <param name="cancellationToken">Cancels the stream (enumeration throws <see cref="OperationCanceledException"/> and the connection closes).</param>
    /// <returns>The stream; nothing is sent until it is enumerated or awaited.</returns>
    /// <exception cref="ArgumentException">Both or neither of Prompt and Messages are set, or tool names repeat.</exception>
    public static StreamResult StreamAsync(GenerateOptions options, CancellationToken cancellationToken = default)
    {
        var plan = GenerationPlan.Create(options);
        return new StreamResult((result, ct) => RunStreamAsync(plan, result, ct), cancellationToken);
    }

    private static async IAsyncEnumerable<StreamEvent> RunStreamAsync(GenerationPlan plan, StreamResult result, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeouts = new OperationTimeouts(plan.Options.Timeout, plan.TimeProvider, cancellationToken);
        var conversation = new List<Message>(plan.Messages);
        var steps = new List<StepResult>();
        var delivered = false;
        for (var round = 0; ; round++)
        {
            var request = plan.BuildRequest([.. conversation]);
            var accumulator = new StreamAccumulator(request.Provider ?? plan.Client.DefaultProvider, plan.Model);
            result.BeginStep(accumulator);
            StreamEvent? finish = null;
            using (var step = timeouts.BeginStep())
            {
                OpenedStream? opened = null;
                Exception? openFailure = null;
                try
                {
                    opened = await Guard(OpenStepAsync(plan, request, step.Token), timeouts, step).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    openFailure = error;
                }

                if (openFailure is not null)
                {
                    // A later step failing to open still ends a stream that already delivered data.
                    if (delivered && openFailure is LlmException openError)
                    {
                        yield return new StreamEvent(StreamEventType.Error) { Error = openError };
                    }

                    ExceptionDispatchInfo.Throw(openFailure);
                }

                await using var events = opened!.Events;
                var hasEvent = opened.HasFirst;
                LlmException? reported = null;
                while (hasEvent)
                {
                    var item = events.Current;
                    result.Process(accumulator, item);
                    if (item.Type == StreamEventType.Finish)
                    {
                        // Held back: whether it ends the stream or becomes a step boundary depends on the tools.
                        finish = item;
                    }
                    else
                    {
                        reported = item.Type == StreamEventType.Error ? item.Error : reported;
                        delivered = true;
                        yield return item;
                    }

                    Exception? failure = null;
                    try
                    {
                        hasEvent = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception error)
                    {
                        failure = error;
                    }

                    if (failure is not null)
                    {
                        // Data was delivered, so no retry: report the failure as an event (unless the adapter just
                        // did), then raise it.
                        var raised = timeouts.TimedOut(step, failure) ?? failure;
                        if (raised is LlmException llmError && !ReferenceEquals(llmError, reported))
                        {
                            yield return new StreamEvent(StreamEventType.Error) { Error = llmError };
                        }

                        ExceptionDispatchInfo.Throw(raised);
                    }
                }

                if (finish is null && accumulator.Error is { } streamError)
                {
                    throw streamError;
                }
            }

            var response = accumulator.GetResponse();
            var execute = plan.ShouldExecuteTools(response, round);
            IReadOnlyList<ToolResult> results = [];
            if (execute)
            {
                Exception? toolFailure = null;
                try
                {
                    results = await Guard(ToolExecutor.ExecuteAllAsync(response.ToolCalls, plan.Tools, [.. conversation, response.Message], plan.Options.RepairToolCall, timeouts.Token), timeouts, null).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    toolFailure = error;
                }

                if (toolFailure is not null)
                {
                    if (toolFailure is LlmException toolError)
                    {
                        yield return new StreamEvent(StreamEventType.Error) { Error = toolError };
                    }

                    ExceptionDispatchInfo.Throw(toolFailure);
                }
            }

            var stepResult = StepResult.From(response, results);
            steps.Add(stepResult);
            result.AddStep(stepResult);
            if (!execute || plan.Options.StopWhen?.Invoke(steps) == true)
            {
                yield return finish ?? new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response };
                yield break;
            }

            yield return new StreamEvent(StreamEventType.StepFinish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response };
            conversation.Add(response.Message);
            foreach (var toolResult in results)
            {
                conversation.Add(Message.ToolResult(toolResult.ToData()));
            }
        }
    }

    /// <summary>
    /// Opens a step's stream and reads its first event, retrying while nothing was delivered: a connection error or
    /// an error event in first position is retried like a failed <see cref="LlmClient.CompleteAsync"/>.
    /// </summary>
    private static Task<OpenedStream> OpenStepAsync(GenerationPlan plan, Request request, CancellationToken cancellationToken) =>
        LlmRetry.ExecuteAsync(
            async ct =>
            {
                var events = plan.Client.StreamAsync(request, ct).GetAsyncEnumerator(ct);
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        return new OpenedStream(events, false);
                    }

                    if (events.Current is { Type: StreamEventType.Error, Error: { } error })
                    {
                        throw error;
                    }

                    return new OpenedStream(events, true);
                }
                catch
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            plan.Retry,
            plan.TimeProvider,
            cancellationToken);

    /// <summary>Awaits a task, turning an expired timer's cancellation into <see cref="RequestTimeoutException"/>.</summary>
    private static async Task<T> Guard<T>(Task<T> task, OperationTimeouts timeouts, OperationTimeouts.Step? step)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not RequestTimeoutException && timeouts.TimedOut(step, error) is { } timeout)
        {
            throw timeout;
        }
    }

    private sealed record OpenedStream(IAsyncEnumerator<StreamEvent> Events, bool HasFirst);
}
