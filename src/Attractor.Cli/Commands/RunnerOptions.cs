// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>run</c>'s options for pipelines compiled into a project (docs/msbuild.md): <c>--assembly</c> runs custom
/// node types through the project's generated runner, <c>--require-handlers</c> refuses a run in which a
/// custom type would otherwise fall back to the codergen handler.
/// </summary>
internal sealed class RunnerOptions
{
    public Option<string?> Assembly { get; } = new("--assembly")
    {
        Description = "A compiled project whose generated runner for this pipeline (matched by its SourcePath) runs the pipeline, custom node types included.",
        HelpName = "dll",
    };

    public Option<bool> RequireHandlers { get; } = new("--require-handlers")
    {
        Description = "Refuse to run when a node's type is neither built in nor implemented by the --assembly runner, instead of falling back to the codergen handler.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Assembly);
        command.Options.Add(RequireHandlers);
    }
}
