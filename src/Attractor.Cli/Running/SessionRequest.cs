// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Cli.Running;

/// <summary>A validated request to run or resume a pipeline, as the commands hand it to <see cref="PipelineSession"/>.</summary>
internal sealed record SessionRequest
{
    /// <summary>Gets the transformed, error-free graph.</summary>
    public required PipelineGraph Graph { get; init; }

    /// <summary>Gets the run directory (absolute).</summary>
    public required string LogsRoot { get; init; }

    /// <summary>Gets a value indicating whether to continue from the run directory's checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>Gets the backend named by <c>--backend</c> (or <c>--simulate</c>), or null to choose by the environment.</summary>
    public string? Backend { get; init; }

    /// <summary>Gets how human gates are answered.</summary>
    public required GateAnswers Gates { get; init; }

    /// <summary>Gets the project's generated runner that runs the pipeline (<c>--assembly</c>), or null for the engine's built-in handlers.</summary>
    public CompiledRunner? Runner { get; init; }

    /// <summary>Gets the <c>--set</c> values, or null.</summary>
    public IReadOnlyDictionary<string, object?>? InitialContext { get; init; }
}
