// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using Attractor.Dot;
using Attractor.Generators.Model;

namespace Attractor.Generators.Analysis;

/// <summary>
/// The per-file work of the generator: parse, transform and lint with the Attractor.Dot front-end,
/// then describe the runner class. Never throws (except for cancellation): a failure becomes one
/// ATR9000 diagnostic at the file, so one bad file cannot take the others' output down with it.
/// </summary>
internal static class PipelineAnalysis
{
    public static AnalysisResult Analyze(PipelineFile file, GeneratorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return AnalyzeCore(file, options, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(file, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static AnalysisResult AnalyzeCore(PipelineFile file, GeneratorOptions options, CancellationToken cancellationToken)
    {
        if (file.Text is null)
        {
            return Failed(file, "the file could not be read.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var prepared = PipelineLoader.Default.Load(file.Text, file.Path);
        cancellationToken.ThrowIfCancellationRequested();

        var customTypes = CustomTypes(prepared.Graph);
        var diagnostics = new List<DiagnosticInfo>(prepared.Diagnostics.Count);
        var hasErrors = false;
        foreach (var diagnostic in prepared.Diagnostics)
        {
            // Generated runners register a handler for every custom type, so "no handler is registered"
            // would be false here; a misspelt type instead shows up as an unimplemented partial method.
            if (diagnostic.Descriptor == DiagnosticDescriptors.TypeKnown && diagnostic.NodeId is { } nodeId && IsCustom(prepared.Graph, nodeId, customTypes))
            {
                continue;
            }

            hasErrors |= diagnostic.IsError;
            diagnostics.Add(new DiagnosticInfo(diagnostic.Id, diagnostic.Message + " [" + diagnostic.Rule + "]", LocationInfo.From(file.Path, diagnostic.Span)));
        }

        var spec = hasErrors ? null : PipelineSpecBuilder.Build(prepared.Graph, file, options, customTypes);
        return new AnalysisResult(file.Path, diagnostics.ToEquatableArray(), spec);
    }

    private static AnalysisResult Failed(PipelineFile file, string problem) =>
        new(
            file.Path,
            new EquatableArray<DiagnosticInfo>(new[] { new DiagnosticInfo(GeneratorDiagnostics.InternalError.Id, problem, LocationInfo.FileStart(file.Path)) }),
            null);

    /// <summary>The explicit node types that are not built in, ordinal-sorted so generated code does not depend on node order.</summary>
    private static SortedSet<string> CustomTypes(PipelineGraph graph)
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (node.Type.Length > 0 && !HandlerTypes.IsBuiltIn(node.Type))
            {
                types.Add(node.Type);
            }
        }

        return types;
    }

    private static bool IsCustom(PipelineGraph graph, string nodeId, SortedSet<string> customTypes) =>
        graph.FindNode(nodeId) is { } node && customTypes.Contains(node.Type);
}
