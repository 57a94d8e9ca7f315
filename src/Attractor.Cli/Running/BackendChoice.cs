// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;

namespace Attractor.Cli.Running;

/// <summary>The backend <see cref="BackendSelection"/> chose for a run, or the problem that prevents one.</summary>
/// <param name="Name">The run's backend name (<see cref="Attractor.Backends.PipelineBackends.Names"/>).</param>
/// <param name="Backend">The run's backend router; null when there is a problem.</param>
/// <param name="Note">A note for standard error (which backend was chosen by default), or null.</param>
/// <param name="Problem">Why no backend could be created (a missing key), or null.</param>
internal sealed record BackendChoice(string Name, ICodergenBackend? Backend, string? Note, string? Problem);
