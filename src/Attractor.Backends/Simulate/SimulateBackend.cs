// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.CompilerServices;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// The <c>simulate</c> backend: no LLM, no key. Each attempt emits <c>started</c>, the simulated response as one
/// <c>delta</c> and <c>completed</c> (or <c>canceled</c>), with the same lifecycle, telemetry and records as the
/// real backends, so a pipeline's routing, retries and events can be rehearsed offline.
/// </summary>
/// <remarks>
/// Node attributes rehearse failures: <c>simulate_error</c> (an HTTP status such as <c>503</c>, or a category:
/// <c>config</c>, <c>auth</c>, <c>timeout</c>, <c>provider</c>, <c>transport</c>, <c>unknown</c>) fails the first
/// <c>simulate_error_attempts</c> attempts (default: all) with that error, classified like a real one;
/// <c>simulate_delay_ms</c> waits between the response's delta and <c>completed</c> (a cancel then lands mid-stream).
/// </remarks>
public sealed class SimulateBackend : IPipelineBackend
{
    /// <summary>The node attribute naming the error to simulate.</summary>
    public const string ErrorAttribute = "simulate_error";

    /// <summary>The node attribute limiting how many attempts fail.</summary>
    public const string ErrorAttemptsAttribute = "simulate_error_attempts";

    /// <summary>The node attribute delaying the response, in milliseconds.</summary>
    public const string DelayAttribute = "simulate_delay_ms";

    /// <summary>Gets the shared instance (the backend has no state).</summary>
    public static SimulateBackend Instance { get; } = new();

    /// <inheritdoc />
    public string Name => PipelineBackends.Simulate;

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; } = new(TextDeltas: false, Thinking: false, ToolEvents: false, Cost: false, Resume: false);

    /// <summary>Gets the simulated response of a node.</summary>
    /// <param name="nodeId">The node ID.</param>
    /// <returns>The text.</returns>
    public static string ResponseFor(string nodeId) => "[Simulated] Response for stage: " + nodeId;

    /// <inheritdoc />
    public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) =>
        PipelineBackendRunner.RunAsync(this, request, onEvent: null, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<BackendEvent> StreamAsync(CodergenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempt = BackendAttempt.Of(request);
        var source = new BackendEventSource(Name, request.Node.Id, attempt);
        if (cancellationToken.IsCancellationRequested)
        {
            yield return new BackendStarted(source);
            yield return new BackendCanceled(source, CancelResult.NotAvailable);
            yield break;
        }

        source = source with { Execution = new ExecutionReference(BackendAttempt.NewReference("simulate"), null) };
        yield return new BackendStarted(source);
        var attributes = request.Node.Attributes;
        if (ErrorFor(attributes.GetString(ErrorAttribute), attributes.GetString(ErrorAttemptsAttribute), attempt) is { } error)
        {
            yield return new BackendFailed(source, error, BackendUsage.None);
            yield break;
        }

        var text = ResponseFor(request.Node.Id);
        yield return new BackendDelta(source, text);
        if (attributes.GetString(DelayAttribute) is { } delayText
            && int.TryParse(delayText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var delay) && delay > 0)
        {
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Nothing runs outside this method: stopping the wait is the whole cancel.
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield return new BackendCanceled(source, CancelResult.Ok);
                yield break;
            }
        }

        yield return new BackendCompleted(source, text, BackendUsage.None);
    }

    private static BackendError? ErrorFor(string? error, string? attemptsText, int attempt)
    {
        if (string.IsNullOrWhiteSpace(error))
        {
            return null;
        }

        if (int.TryParse(attemptsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var failing) && attempt > failing)
        {
            return null;
        }

        var message = "simulated " + error.Trim() + " failure (attempt " + attempt.ToString(CultureInfo.InvariantCulture) + ")";
        if (int.TryParse(error, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status))
        {
            return BackendError.FromStatus(status, message);
        }

        return error.Trim().ToUpperInvariant() switch
        {
            "CONFIG" => BackendError.Config(message),
            "AUTH" => BackendError.Auth(message),
            "TIMEOUT" => BackendError.Timeout(message),
            "PROVIDER" => BackendError.FromStatus(503, message),
            "TRANSPORT" => BackendError.Transport(message),
            _ => BackendError.Unknown(message),
        };
    }
}
