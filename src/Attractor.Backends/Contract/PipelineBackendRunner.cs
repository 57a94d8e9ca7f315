// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// Runs one attempt of an <see cref="IPipelineBackend"/> through its event stream and turns the terminal event into
/// what <see cref="ICodergenBackend.RunAsync"/> promises: the result of a completed attempt, a
/// <see cref="BackendException"/> for a failed one, an <see cref="OperationCanceledException"/> for a canceled one.
/// Every backend's <c>RunAsync</c> and the <see cref="BackendRouter"/> go through here, so all behave alike, and
/// every attempt is observed here once: <see cref="BackendTelemetry"/> metrics and activity, and its lines in
/// <c>backend-events.jsonl</c> in the stage directory (<see cref="BackendEventLog"/>).
/// </summary>
public static class PipelineBackendRunner
{
    /// <summary>Streams the attempt observed by <see cref="BackendTelemetry.Shared"/>, hands every event to <paramref name="onEvent"/>, and returns its result.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="request">The request.</param>
    /// <param name="onEvent">Receives every event in order (null: none); its exceptions propagate.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The result of the completed attempt.</returns>
    /// <exception cref="BackendException">The attempt failed (or its stream ended without a terminal event).</exception>
    /// <exception cref="OperationCanceledException">The attempt was canceled.</exception>
    public static Task<CodergenResult> RunAsync(IPipelineBackend backend, CodergenRequest request, Action<BackendEvent>? onEvent, CancellationToken cancellationToken) =>
        RunAsync(backend, request, onEvent, BackendTelemetry.Shared, cancellationToken);

    /// <summary>Streams the attempt observed by <paramref name="telemetry"/>, hands every event to <paramref name="onEvent"/>, and returns its result.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="request">The request.</param>
    /// <param name="onEvent">Receives every event in order, after it was observed and recorded (null: none); its exceptions propagate.</param>
    /// <param name="telemetry">Where the attempt is observed.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The result of the completed attempt.</returns>
    /// <exception cref="BackendException">The attempt failed (or its stream ended without a terminal event).</exception>
    /// <exception cref="OperationCanceledException">The attempt was canceled.</exception>
    public static async Task<CodergenResult> RunAsync(IPipelineBackend backend, CodergenRequest request, Action<BackendEvent>? onEvent, BackendTelemetry telemetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(telemetry);
        using var observer = telemetry.BeginAttempt(request, onEvent, cancellationToken);
        BackendEvent? terminal = null;
        await foreach (var backendEvent in backend.StreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (terminal is not null)
            {
                // The contract allows exactly one terminal event; anything after it is not part of the attempt.
                continue;
            }

            observer.OnEvent(backendEvent);
            if (backendEvent.IsTerminal)
            {
                terminal = backendEvent;
            }
        }

        switch (terminal)
        {
            case BackendCompleted completed:
                return await backend.CompleteAsync(request, completed, cancellationToken).ConfigureAwait(false);
            case BackendFailed failed:
                throw new BackendException(failed.Error);
            case BackendCanceled:
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("The " + backend.Name + " attempt was canceled.");
            default:
                throw new BackendException(BackendError.Unknown("The " + backend.Name + " backend ended its stream without completed, failed or canceled."));
        }
    }
}
