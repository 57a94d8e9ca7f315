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
    private readonly MethodInfo? _resumeAsync;

    private CompiledRunner(Type type, string assemblyPath, PipelineGraph graph, object instance, MethodInfo runAsync, MethodInfo? resumeAsync)
    {
        Type = type;
        AssemblyPath = assemblyPath;
        Graph = graph;
        _instance = instance;
        _runAsync = runAsync;
        _resumeAsync = resumeAsync;
    }

    /// <summary>Gets the generated class.</summary>
    public Type Type { get; }

    /// <summary>Gets the <c>--assembly</c> path as given.</summary>
    public string AssemblyPath { get; }

    /// <summary>Gets the graph compiled into the class.</summary>
    public PipelineGraph Graph { get; }

    /// <summary>Gets the node types the class implements through its partial methods: every type in its graph that is not built in.</summary>
    public IReadOnlySet<string> HandledTypes => CustomTypes(Graph);

    /// <summary>Gets a value indicating whether the class has the generated <c>ResumeAsync</c> (projects built before it existed do not).</summary>
    public bool CanResume => _resumeAsync is not null;

    /// <summary>Gets the explicit node types of a graph that no built-in handler covers.</summary>
    public static IReadOnlySet<string> CustomTypes(PipelineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Nodes.Select(static n => n.Type).Where(static t => t.Length > 0 && !HandlerTypes.BuiltIn.Contains(t)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Runs the pipeline through the generated <c>RunAsync</c>, which registers the class's handlers.</summary>
    public Task<PipelineResult> RunAsync(PipelineRunOptions options, CancellationToken cancellationToken) =>
        (Task<PipelineResult>)_runAsync.Invoke(_instance, [options, cancellationToken])!;

    /// <summary>Resumes a run through the generated <c>ResumeAsync</c>, which registers the same handlers as <c>RunAsync</c>.</summary>
    /// <exception cref="InvalidOperationException">The class has no <c>ResumeAsync</c> (check <see cref="CanResume"/> first).</exception>
    public Task<PipelineResult> ResumeAsync(string logsRoot, PipelineRunOptions options, CancellationToken cancellationToken)
    {
        var resume = _resumeAsync ?? throw new InvalidOperationException($"'{Type.FullName}' has no generated ResumeAsync.");
        return (Task<PipelineResult>)resume.Invoke(_instance, [logsRoot, options, cancellationToken])!;
    }

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

        if (Load(assemblyPath, problems) is not { } assembly)
        {
            return null;
        }

        var fullPath = Normalize(Path.GetFullPath(pipelinePath));
        var relative = Normalize(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(pipelinePath)));
        Type? best = null;
        foreach (var (type, sourcePath) in GeneratedRunners(assembly))
        {
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

        return best is null ? null : Create(best, assemblyPath, problems);
    }

    /// <summary>
    /// Loads <paramref name="assemblyPath"/> and finds the generated runner named <paramref name="typeName"/> (a full
    /// type name, as <c>manifest.json</c> records it for runs started through a compiled runner).
    /// </summary>
    /// <returns>The runner, or null when the assembly has no such generated class (a problem is added only when loading failed).</returns>
    public static CompiledRunner? FindByName(string assemblyPath, string typeName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(problems);

        if (Load(assemblyPath, problems) is not { } assembly)
        {
            return null;
        }

        var type = GeneratedRunners(assembly).Select(static r => r.Type).FirstOrDefault(t => string.Equals(t.FullName, typeName, StringComparison.Ordinal));
        return type is null ? null : Create(type, assemblyPath, problems);
    }

    private static Assembly? Load(string assemblyPath, List<string> problems)
    {
        try
        {
            return new RunnerLoadContext(Path.GetFullPath(assemblyPath)).LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or ArgumentException or UnauthorizedAccessException)
        {
            problems.Add($"cannot load --assembly '{assemblyPath}': {exception.Message}");
            return null;
        }
    }

    private static IEnumerable<(Type Type, string SourcePath)> GeneratedRunners(Assembly assembly)
    {
        foreach (var type in LoadableTypes(assembly))
        {
            if (type.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == GeneratorName
                && type.GetField("SourcePath", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string sourcePath)
            {
                yield return (type, Normalize(sourcePath));
            }
        }
    }

    private static CompiledRunner? Create(Type type, string assemblyPath, List<string> problems)
    {
        var graph = type.GetProperty("Graph", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as PipelineGraph;
        var runAsync = type.GetMethod("RunAsync", [typeof(PipelineRunOptions), typeof(CancellationToken)]);
        if (graph is null || runAsync is null || runAsync.ReturnType != typeof(Task<PipelineResult>))
        {
            // Typically a project built against another version of Attractor.Pipelines than this CLI's.
            problems.Add($"'{type.FullName}' in '{assemblyPath}' does not have the generated Graph and RunAsync this attractor understands; rebuild the project with the Attractor.Build version of this tool");
            return null;
        }

        // Absent from classes generated before resume support; running still works with them, resuming does not.
        var resumeAsync = type.GetMethod("ResumeAsync", [typeof(string), typeof(PipelineRunOptions), typeof(CancellationToken)]);
        if (resumeAsync is not null && resumeAsync.ReturnType != typeof(Task<PipelineResult>))
        {
            resumeAsync = null;
        }

        return new CompiledRunner(type, assemblyPath, graph, Activator.CreateInstance(type)!, runAsync, resumeAsync);
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
