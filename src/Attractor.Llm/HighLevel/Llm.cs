// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// The high-level API: generation with automatic tool execution, streaming, structured output, retries and
/// timeouts, over an explicit <see cref="GenerateOptions.Client"/> or <see cref="LlmClient.Default"/>.
/// </summary>
public static partial class Llm
{
    /// <summary>
    /// Generates a response. With active tools, executes the model's tool calls (concurrently) and sends the
    /// results back, up to <see cref="GenerateOptions.MaxToolRounds"/> times. Each LLM call is retried on
    /// transient errors; tool failures are reported to the model, not thrown.
    /// </summary>
    /// <param name="options">The parameters.</param>
    /// <param name="cancellationToken">Cancels the whole operation (<see cref="OperationCanceledException"/>).</param>
    /// <returns>The final step's data, every step and the total usage.</returns>
    /// <exception cref="ArgumentException">Both or neither of Prompt and Messages are set, or tool names repeat.</exception>
    /// <exception cref="RequestTimeoutException">The total or a per-step timeout expired.</exception>
    /// <exception cref="LlmException">A provider error that was not retried or outlasted its retries.</exception>
    public static async Task<GenerateResult> GenerateAsync(GenerateOptions options, CancellationToken cancellationToken = default)
    {
        var plan = GenerationPlan.Create(options);
        using var timeouts = new OperationTimeouts(plan.Options.Timeout, plan.TimeProvider, cancellationToken);
        try
        {
            return await RunToolLoopAsync(plan, timeouts).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not RequestTimeoutException && timeouts.TimedOut(null, error) is { } timeout)
        {
            throw timeout;
        }
    }

    private static async Task<GenerateResult> RunToolLoopAsync(GenerationPlan plan, OperationTimeouts timeouts)
    {
        var conversation = new List<Message>(plan.Messages);
        var steps = new List<StepResult>();
        for (var round = 0; ; round++)
        {
            var response = await CompleteStepAsync(plan, plan.BuildRequest([.. conversation]), timeouts).ConfigureAwait(false);
            var execute = plan.ShouldExecuteTools(response, round);
            IReadOnlyList<ToolResult> results = [];
            if (execute)
            {
                results = await ToolExecutor.ExecuteAllAsync(response.ToolCalls, plan.Tools, [.. conversation, response.Message], plan.Options.RepairToolCall, timeouts.Token).ConfigureAwait(false);
            }

            steps.Add(StepResult.From(response, results));
            if (!execute || plan.Options.StopWhen?.Invoke(steps) == true)
            {
                return GenerateResult.FromSteps(steps);
            }

            conversation.Add(response.Message);
            foreach (var result in results)
            {
                conversation.Add(Message.ToolResult(result.ToData()));
            }
        }
    }

    /// <summary>One LLM call with its retries, bounded by the per-step timeout.</summary>
    private static async Task<Response> CompleteStepAsync(GenerationPlan plan, Request request, OperationTimeouts timeouts)
    {
        using var step = timeouts.BeginStep();
        try
        {
            return await LlmRetry.ExecuteAsync(ct => plan.Client.CompleteAsync(request, ct), plan.Retry, plan.TimeProvider, step.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (timeouts.TimedOut(step, error) is { } timeout)
        {
            throw timeout;
        }
    }
}
