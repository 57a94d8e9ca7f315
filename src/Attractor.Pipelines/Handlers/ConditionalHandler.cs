// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// A diamond routing point (attractor-spec §4.7): returns SUCCESS; the engine's edge selection
/// evaluates the outgoing edge conditions.
/// </summary>
public sealed class ConditionalHandler : INodeHandler
{
    /// <inheritdoc />
    public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Outcome.Success("Conditional node evaluated: " + stage.Node.Id));
    }
}
