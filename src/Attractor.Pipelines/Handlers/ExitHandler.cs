// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// The pipeline exit point (attractor-spec §4.4): a no-op that returns SUCCESS. Goal gates are
/// enforced by the engine, not here.
/// </summary>
public sealed class ExitHandler : INodeHandler
{
    /// <inheritdoc />
    public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Outcome.Success());
    }
}
