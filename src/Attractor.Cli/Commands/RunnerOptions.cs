// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>run</c>'s and <c>resume</c>'s options for pipelines compiled into a project (docs/msbuild.md): <c>--assembly</c>
/// runs custom node types through the project's generated runner, <c>--require-handlers</c> refuses a run in
/// which a custom type would otherwise fall back to the codergen handler.
/// </summary>
/// <param name="assemblyDescription">The help text of <c>--assembly</c>.</param>
/// <param name="requireHandlersDescription">The help text of <c>--require-handlers</c>.</param>
internal sealed class RunnerOptions(string assemblyDescription, string requireHandlersDescription)
{
    /// <summary>The help texts of <c>run</c>.</summary>
    public RunnerOptions()
        : this(
            "A compiled project whose generated runner for this pipeline (matched by its SourcePath) runs the pipeline, custom node types included.",
            "Refuse to run when a node's type is neither built in nor implemented by the --assembly runner, instead of falling back to the codergen handler.")
    {
    }

    public Option<string?> Assembly { get; } = new("--assembly")
    {
        Description = assemblyDescription,
        HelpName = "dll",
    };

    public Option<bool> RequireHandlers { get; } = new("--require-handlers")
    {
        Description = requireHandlersDescription,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Assembly);
        command.Options.Add(RequireHandlers);
    }
}
