// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot;

/// <summary>
/// The front door to a pipeline (attractor-spec §9.1 <c>prepare_pipeline</c>): parses DOT text,
/// applies the built-in transforms (§9.2) and then <see cref="Transforms"/> in registration order
/// (§9.3), and validates with the built-in rules and then <see cref="Rules"/> (§7.3, §7.4).
/// </summary>
/// <remarks>
/// Loading never throws for bad input or a faulty extension: syntax problems, lint findings and
/// transforms or rules that throw all become diagnostics on the <see cref="PreparedPipeline"/>.
/// Register extensions before loading; a loader may then be used from several threads.
/// </remarks>
public sealed class PipelineLoader
{
    private const int ReadBufferSize = 4096;

    private readonly RegistrationList<IGraphTransform> _transforms = new("transform");
    private readonly RegistrationList<ILintRule> _rules = new("lint rule");
    private readonly RegistrationList<string> _knownHandlerTypes = new("handler type");
    private readonly RegistrationList<string> _knownBackends = new("backend");

    /// <summary>Initializes a new instance of the <see cref="PipelineLoader"/> class with no custom transforms or rules.</summary>
    public PipelineLoader()
    {
    }

    /// <summary>
    /// Gets a shared loader with only the built-in transforms and rules. It cannot be changed; its
    /// lists throw <see cref="NotSupportedException"/> on modification.
    /// </summary>
    public static PipelineLoader Default { get; } = CreateDefault();

    /// <summary>Gets the custom transforms, applied after the built-in ones in list order (§9.3).</summary>
    public IList<IGraphTransform> Transforms => _transforms;

    /// <summary>Gets the custom lint rules, run after the built-in ones in list order (§7.4).</summary>
    public IList<ILintRule> Rules => _rules;

    /// <summary>
    /// Gets the handler types the host registers on top of the built-in ones (§4.12), so the
    /// <c>type_known</c> rule accepts nodes that use them.
    /// </summary>
    public ICollection<string> KnownHandlerTypes => _knownHandlerTypes;

    /// <summary>
    /// Gets the backends the host registers on top of <see cref="BackendNames.BuiltIn"/>, so the
    /// <c>llm_backend_known</c> rule accepts nodes that name them.
    /// </summary>
    public ICollection<string> KnownBackends => _knownBackends;

    /// <summary>Parses, transforms and validates DOT text.</summary>
    /// <param name="text">The DOT source.</param>
    /// <param name="filePath">The file name used in diagnostics, or null when the text has no file.</param>
    /// <returns>The transformed graph and every diagnostic, syntax first.</returns>
    public PreparedPipeline Load(string text, string? filePath = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var parsed = DotParser.ParseAndApplyBuiltIns(text, filePath);
        var diagnostics = new List<DotDiagnostic>(parsed.Diagnostics);

        // After an unterminated string or unbalanced brace the graph is a recovery artefact: lint
        // would report its missing halves (no exit, unreachable nodes) as if they were real problems.
        if (!parsed.IsStructurallyComplete)
        {
            return new PreparedPipeline(parsed.Graph, diagnostics, isStructurallyComplete: false);
        }

        var graph = ApplyTransforms(parsed.Graph, parsed.BuiltInTransformsApplied, diagnostics);
        var validator = new PipelineValidator(Snapshot(_rules), Snapshot(_knownHandlerTypes), Snapshot(_knownBackends));
        diagnostics.AddRange(validator.Validate(graph));
        return new PreparedPipeline(graph, diagnostics);
    }

    /// <summary>Reads a file (UTF-8 unless it has a byte order mark), then parses, transforms and validates it.</summary>
    /// <param name="path">The file to read; also the name used in diagnostics, as given.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The transformed graph and every diagnostic, syntax first.</returns>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public async Task<PreparedPipeline> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var text = await ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Load(text, path);
    }

    private static PipelineLoader CreateDefault()
    {
        var loader = new PipelineLoader();
        loader._transforms.Freeze();
        loader._rules.Freeze();
        loader._knownHandlerTypes.Freeze();
        loader._knownBackends.Freeze();
        return loader;
    }

    private static T[] Snapshot<T>(RegistrationList<T> list)
        where T : class
    {
        var items = new T[list.Count];
        list.CopyTo(items, 0);
        return items;
    }

    private static async Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // netstandard2.0 has no File.ReadAllTextAsync and no cancellable ReadToEndAsync, so read in chunks.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[ReadBufferSize];
        int read;
        while ((read = await reader.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private PipelineGraph ApplyTransforms(PipelineGraph graph, bool builtInsApplied, List<DotDiagnostic> diagnostics)
    {
        // TransformPipeline defines the order (built-ins, then custom in registration order); the
        // transforms are applied one by one here so that one failing does not lose the others.
        var pipeline = new TransformPipeline();
        foreach (var transform in Snapshot(_transforms))
        {
            pipeline.Register(transform);
        }

        var transforms = pipeline.Transforms;
        // The parser applied the built-ins (first in the list) while building the nodes.
        var first = builtInsApplied && TransformPipeline.StartsBuiltInPair(transforms, 0) ? 2 : 0;
        for (var i = first; i < transforms.Count; i++)
        {
            if (TransformPipeline.StartsBuiltInPair(transforms, i))
            {
                // The built-ins are total functions of the graph; should the combined pass ever
                // fail, the two run separately below and report as usual.
                var combined = TryApplyBuiltInPair(graph);
                if (combined is not null)
                {
                    graph = combined;
                    i++;
                    continue;
                }
            }

            graph = ApplyTransform(transforms[i], graph, diagnostics);
        }

        return graph;
    }

    private static PipelineGraph? TryApplyBuiltInPair(PipelineGraph graph)
    {
        try
        {
            return StylesheetTransform.ApplyAfterGoalExpansion(graph);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static PipelineGraph ApplyTransform(IGraphTransform transform, PipelineGraph graph, List<DotDiagnostic> diagnostics)
    {
        string problem;
        try
        {
            var result = transform.Apply(graph);
            if (result is not null)
            {
                return result;
            }

            problem = "returned no graph.";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            problem = "threw " + exception.GetType().Name + ": " + exception.Message;
        }

        // The failed transform is skipped rather than aborting the load, so the later transforms and
        // the lint rules still report on the graph as it was.
        diagnostics.Add(DiagnosticDescriptors.InternalError.Create(
            "Transform '" + transform.GetType().FullName + "' " + problem + " It was skipped; the later transforms and the lint rules saw the graph as it was before it.",
            graph.FilePath,
            graph.IdSpan,
            fix: "this is a bug in the transform, not in the pipeline: report it to the transform's author, or remove the transform"));
        return graph;
    }
}
