// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Cli.Running;

/// <summary><c>run</c>'s <c>--assembly</c> and <c>--require-handlers</c>, as given.</summary>
/// <param name="AssemblyPath">The compiled project, or null.</param>
/// <param name="RequireHandlers">Whether a custom node type without a handler refuses the run.</param>
internal sealed record RunnerRequest(string? AssemblyPath, bool RequireHandlers)
{
    /// <summary>
    /// Finds the compiled runner for <paramref name="file"/> and checks that every custom node type has a
    /// handler when that is required, adding what is wrong to <paramref name="problems"/>.
    /// </summary>
    /// <returns>The compiled runner, or null to run with the engine's handlers.</returns>
    public static CompiledRunner? Resolve(RunnerRequest request, string file, PipelineGraph fileGraph, RunServices services, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fileGraph);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(problems);

        CompiledRunner? compiled = null;
        if (request.AssemblyPath is { } assembly)
        {
            if (!File.Exists(assembly))
            {
                problems.Add($"--assembly '{assembly}' does not exist");
                return null;
            }

            compiled = CompiledRunner.Find(assembly, file, problems);
        }

        if (!request.RequireHandlers || problems.Count > 0)
        {
            return compiled;
        }

        // Without the check the engine would run these nodes with the codergen handler: a silent
        // stand-in for code the project wrote.
        var graph = compiled?.Graph ?? fileGraph;
        var handled = compiled?.HandledTypes ?? new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (CompiledRunner.CustomTypes(graph).Contains(node.Type) && !handled.Contains(node.Type) && services.Handlers?.ContainsKey(node.Type) != true)
            {
                var where = request.AssemblyPath is null
                    ? "no --assembly was given"
                    : $"'{request.AssemblyPath}' has no runner generated from '{file}'";
                problems.Add($"node '{node.Id}' has type '{node.Type}', which has no handler: {where}. Build the project that compiles this pipeline (its generated runner implements '{node.Type}') and pass it with --assembly");
            }
        }

        return compiled;
    }
}
