// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines;

/// <summary>How to run a pipeline. Every property has a documented default, so <c>new()</c> runs in simulation mode.</summary>
public sealed class PipelineRunOptions
{
    /// <summary>Gets the run directory; null creates <c>.attractor/runs/{graph}-{timestamp}</c> under the current directory.</summary>
    public string? LogsRoot { get; init; }

    /// <summary>Gets the LLM backend for codergen nodes; null means simulation mode.</summary>
    public ICodergenBackend? Backend { get; init; }

    /// <summary>Gets the interviewer for human gates; null means a gate fails with a clear reason.</summary>
    public IInterviewer? Interviewer { get; init; }

    /// <summary>Gets a callback receiving every event (observer pattern of §9.6); called synchronously, keep it fast.</summary>
    public Action<PipelineEvent>? OnEvent { get; init; }

    /// <summary>Gets values placed in the context before the start node runs.</summary>
    public IReadOnlyDictionary<string, object?>? InitialContext { get; init; }

    /// <summary>Gets custom handlers by type string; they replace built-ins of the same type (§4.2, §4.12).</summary>
    public IReadOnlyDictionary<string, INodeHandler>? Handlers { get; init; }

    /// <summary>
    /// Gets the full name of the generated runner class running the pipeline, recorded in <c>manifest.json</c>
    /// (<see cref="RunManifest.Runner"/>) so a later resume can run the same class; null records nothing.
    /// </summary>
    public string? Runner { get; init; }

    /// <summary>
    /// Gets the name of <see cref="Backend"/> as the user chose it (<c>agent</c>, <c>claude-code</c>, ...), recorded in
    /// <c>manifest.json</c> (<see cref="RunManifest.Backend"/>) so a later resume can choose the same; null records nothing.
    /// </summary>
    public string? BackendName { get; init; }

    /// <summary>Gets the loader (custom transforms and lint rules) used for files; null uses <see cref="PipelineLoader.Default"/>.</summary>
    public PipelineLoader? Loader { get; init; }

    /// <summary>Gets the clock for retry delays and timestamps; tests use a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets the backoff for nodes that name no <c>retry_policy</c> preset; null means the spec default
    /// (200 ms, factor 2, at most 60 s, jitter). <see cref="BackoffConfig.None"/> retries without waiting.
    /// </summary>
    public BackoffConfig? RetryBackoff { get; init; }

    /// <summary>
    /// Gets the <c>should_retry</c> predicate (§3.6, Appendix D) deciding which handler exceptions are retried;
    /// the default never retries programming, configuration or permission errors.
    /// </summary>
    public ErrorClassifier ErrorClassifier { get; init; } = ErrorClassifier.Default;
}
