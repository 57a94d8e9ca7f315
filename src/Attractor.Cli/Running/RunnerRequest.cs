// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Cli.Running;

/// <summary><c>run</c>'s and <c>resume</c>'s <c>--assembly</c> and <c>--require-handlers</c>, as given.</summary>
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

        var where = request.AssemblyPath is null
            ? "no --assembly was given"
            : $"'{request.AssemblyPath}' has no runner generated from '{file}'";
        CheckHandlers(compiled?.Graph ?? fileGraph, compiled, services, where, "Build the project that compiles this pipeline", problems);
        return compiled;
    }

    /// <summary>
    /// Adds a problem for every node whose custom type neither <paramref name="compiled"/> nor
    /// <see cref="RunServices.Handlers"/> implements. Without the check the engine would run these nodes with
    /// the codergen handler: a silent stand-in for code the project wrote.
    /// </summary>
    /// <param name="graph">The graph about to run.</param>
    /// <param name="compiled">The compiled runner, or null.</param>
    /// <param name="services">The host's handler overrides.</param>
    /// <param name="where">Why there is no handler (no <c>--assembly</c>, or no runner in it).</param>
    /// <param name="advice">The start of the fix, completed with "(its generated runner implements ...) and pass it with --assembly".</param>
    /// <param name="problems">Where to add the problems.</param>
    public static void CheckHandlers(PipelineGraph graph, CompiledRunner? compiled, RunServices services, string where, string advice, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(problems);

        var custom = CompiledRunner.CustomTypes(graph);
        var handled = compiled?.HandledTypes ?? new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (custom.Contains(node.Type) && !handled.Contains(node.Type) && services.Handlers?.ContainsKey(node.Type) != true)
            {
                problems.Add($"node '{node.Id}' has type '{node.Type}', which has no handler: {where}. {advice} (its generated runner implements '{node.Type}') and pass it with --assembly");
            }
        }
    }
}
