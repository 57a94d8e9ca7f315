// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Executes one kind of node (attractor-spec §4.1). Handlers are stateless or synchronise their
/// state; exceptions are caught by the engine and become FAIL outcomes.
/// </summary>
public interface INodeHandler
{
    /// <summary>Runs the node and returns its outcome.</summary>
    /// <param name="stage">The node, the run context, the graph, the stage directory and run services.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled or the node's <c>timeout</c> elapses.</param>
    Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken);
}
