// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// The backend contract of issue 7: start (<see cref="ICodergenBackend.RunAsync"/>, non-streaming), stream
/// (<see cref="StreamAsync"/>, normalised events), cancel (the cancellation token; the result is recorded on the
/// <see cref="BackendCanceled"/> event) and capabilities.
/// </summary>
/// <remarks>
/// <see cref="ICodergenBackend.RunAsync"/> returns the response (or outcome) of a completed attempt, throws
/// <see cref="BackendException"/> for a failed one and <see cref="OperationCanceledException"/> for a canceled one.
/// <see cref="StreamAsync"/> never throws for those: it ends with exactly one terminal event.
/// </remarks>
public interface IPipelineBackend : ICodergenBackend
{
    /// <summary>Gets the backend name (<c>claude-code</c>, <c>codex</c>, ...).</summary>
    string Name { get; }

    /// <summary>Gets what the backend reports.</summary>
    BackendCapabilities Capabilities { get; }

    /// <summary>Runs one attempt and streams its events; the last event is terminal.</summary>
    /// <param name="request">The codergen request.</param>
    /// <param name="cancellationToken">Cancels the attempt (the stream then ends with <see cref="BackendCanceled"/>).</param>
    /// <returns>The events.</returns>
    IAsyncEnumerable<BackendEvent> StreamAsync(CodergenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Turns the <see cref="BackendCompleted"/> event of a streamed attempt into the stage's result (e.g. writes
    /// <c>response.md</c>, puts usage into the outcome), so a caller that consumed <see cref="StreamAsync"/> itself
    /// gets what <see cref="ICodergenBackend.RunAsync"/> would have returned. Default: the response text.
    /// </summary>
    /// <param name="request">The request of the attempt.</param>
    /// <param name="completed">The attempt's terminal event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The result.</returns>
    Task<CodergenResult> CompleteAsync(CodergenRequest request, BackendCompleted completed, CancellationToken cancellationToken) =>
        Task.FromResult(CodergenResult.FromText((completed ?? throw new ArgumentNullException(nameof(completed))).Text));
}
