// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Cli.Running;

/// <summary>
/// What <c>run</c> and <c>resume</c> plug into the engine besides the command line. The tool itself uses
/// the defaults; hosts and tests replace handlers (e.g. a tool handler that runs nothing).
/// </summary>
public sealed record RunServices
{
    /// <summary>Gets the defaults: the engine's built-in handlers and the system clock.</summary>
    public static RunServices Default { get; } = new();

    /// <summary>Gets handlers by type string that replace the built-in ones; null keeps the built-ins.</summary>
    public IReadOnlyDictionary<string, INodeHandler>? Handlers { get; init; }

    /// <summary>Gets the clock for elapsed times and the default run directory's timestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
