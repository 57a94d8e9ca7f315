// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Backends;

/// <summary>
/// Does the LLM work of a codergen node (attractor-spec §4.5 <c>CodergenBackend</c>): a direct API
/// call, an agent loop, or a coding CLI in a subprocess. Null means simulation mode.
/// </summary>
public interface ICodergenBackend
{
    /// <summary>Runs the prompt; returns response text or a full outcome.</summary>
    Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken);
}
