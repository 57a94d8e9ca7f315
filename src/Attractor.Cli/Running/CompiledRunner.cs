// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.Loader;
using Attractor.Dot;
using Attractor.Pipelines;

namespace Attractor.Cli.Running;

/// <summary>
/// A runner class the source generator emitted into a compiled project, found by the pipeline file it was
/// generated from. Running through it runs the project's own handlers for custom node types (the
/// generated partial methods), which the CLI cannot know otherwise.
/// </summary>
internal sealed class CompiledRunner
{
    private const string GeneratorName = "Attractor.Generators";

    private readonly object _instance;
    private readonly MethodInfo _runAsync;

    private CompiledRunner(Type type, PipelineGraph graph, object instance, MethodInfo runAsync)
    {
        Type = type;
        Graph = graph;
        _instance = instance;
        _runAsync = runAsync;
    }

    /// <summary>Gets the generated class.</summary>
    public Type Type { get; }

    /// <summary>Gets the graph compiled into the class.</summary>
    public PipelineGraph Graph { get; }

    /// <summary>Gets the node types the class implements through its partial methods: every type in its graph that is not built in.</summary>
    public IReadOnlySet<string> HandledTypes => CustomTypes(Graph);

    /// <summary>Gets the explicit node types of a graph that no built-in handler covers.</summary>
    public static IReadOnlySet<string> CustomTypes(PipelineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Nodes.Select(static n => n.Type).Where(static t => t.Length > 0 && !HandlerTypes.BuiltIn.Contains(t)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Runs the pipeline through the generated <c>RunAsync</c>, which registers the class's handlers.</summary>
    public Task<PipelineResult> RunAsync(PipelineRunOptions options, CancellationToken cancellationToken) =>
        (Task<PipelineResult>)_runAsync.Invoke(_instance, [options, cancellationToken])!;

    /// <summary>
    /// Loads <paramref name="assemblyPath"/> and finds the runner generated from <paramref name="pipelinePath"/>:
    /// the class whose <c>SourcePath</c> (relative to its project) is the pipeline's path relative to the
    /// current directory, or else the end of its full path.
    /// </summary>
    /// <returns>The runner, or null when the assembly has none for the file (a problem is added only when loading failed).</returns>
    public static CompiledRunner? Find(string assemblyPath, string pipelinePath, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        ArgumentNullException.ThrowIfNull(pipelinePath);
        ArgumentNullException.ThrowIfNull(problems);

        Assembly assembly;
        try
        {
            assembly = new RunnerLoadContext(Path.GetFullPath(assemblyPath)).LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or ArgumentException or UnauthorizedAccessException)
        {
            problems.Add($"cannot load --assembly '{assemblyPath}': {exception.Message}");
            return null;
        }

        var fullPath = Normalize(Path.GetFullPath(pipelinePath));
        var relative = Normalize(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(pipelinePath)));
        Type? best = null;
        foreach (var type in LoadableTypes(assembly))
        {
            if (type.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool != GeneratorName
                || type.GetField("SourcePath", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is not string sourcePath)
            {
                continue;
            }

            sourcePath = Normalize(sourcePath);
            if (string.Equals(sourcePath, relative, StringComparison.Ordinal))
            {
                best = type;
                break;
            }

            if (best is null && fullPath.EndsWith("/" + sourcePath, StringComparison.Ordinal))
            {
                best = type;
            }
        }

        if (best is null)
        {
            return null;
        }

        var graph = best.GetProperty("Graph", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as PipelineGraph;
        var runAsync = best.GetMethod("RunAsync", [typeof(PipelineRunOptions), typeof(CancellationToken)]);
        if (graph is null || runAsync is null || runAsync.ReturnType != typeof(Task<PipelineResult>))
        {
            // Typically a project built against another version of Attractor.Pipelines than this CLI's.
            problems.Add($"'{best.FullName}' in '{assemblyPath}' does not have the generated Graph and RunAsync this attractor understands; rebuild the project with the Attractor.Build version of this tool");
            return null;
        }

        return new CompiledRunner(best, graph, Activator.CreateInstance(best)!, runAsync);
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            // A type whose dependency is missing cannot be a runner we can use; the others still can.
            return exception.Types.Where(static t => t is not null)!;
        }
    }

    /// <summary>
    /// Loads the project and its own dependencies (from its deps.json) while sharing the engine assemblies with
    /// this process, so the runner's <see cref="PipelineRunOptions"/> and <see cref="PipelineResult"/> are ours.
    /// </summary>
    private sealed class RunnerLoadContext(string mainAssemblyPath) : AssemblyLoadContext("attractor-runner")
    {
        private static readonly HashSet<string> Shared = new(StringComparer.OrdinalIgnoreCase)
        {
            typeof(PipelineGraph).Assembly.GetName().Name!,
            typeof(PipelineRunner).Assembly.GetName().Name!,
        };

        private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is { } name && Shared.Contains(name))
            {
                return null;
            }

            var path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
