// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>The pipeline entry point (attractor-spec §4.3): a no-op that returns SUCCESS.</summary>
public sealed class StartHandler : INodeHandler
{
    /// <inheritdoc />
    public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Outcome.Success());
    }
}
