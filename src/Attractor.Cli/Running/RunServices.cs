// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Cli.Running;

/// <summary>
/// What <c>run</c>, <c>resume</c> and <c>agent</c> plug in besides the command line. The tool itself uses
/// the defaults; hosts and tests replace handlers (e.g. a tool handler that runs nothing) or the environment
/// variables that provider keys are read from.
/// </summary>
public sealed record RunServices
{
    /// <summary>Gets the defaults: the engine's built-in handlers, the system clock and the process's environment.</summary>
    public static RunServices Default { get; } = new();

    /// <summary>Gets handlers by type string that replace the built-in ones; null keeps the built-ins.</summary>
    public IReadOnlyDictionary<string, INodeHandler>? Handlers { get; init; }

    /// <summary>Gets the clock for elapsed times and the default run directory's timestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Gets where provider keys and base URLs (<c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>, ...) are read:
    /// the process's environment by default.
    /// </summary>
    public Func<string, string?> EnvironmentVariables { get; init; } = Environment.GetEnvironmentVariable;
}
