// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Loading;

/// <summary>Appends a marker to the graph's <c>trace</c> attribute, recording the order transforms ran in.</summary>
internal sealed class TracingTransform(string marker) : IGraphTransform
{
    public const string TraceKey = "trace";

    public string? PromptSeen { get; private set; }

    public PipelineGraph Apply(PipelineGraph graph)
    {
        PromptSeen = graph.FindNode("work")?.Prompt;
        var trace = graph.Attributes.GetString(TraceKey) ?? string.Empty;
        return graph.WithAttributes(graph.Attributes.SetItem(TraceKey, trace + marker));
    }
}

internal sealed class ThrowingTransform : IGraphTransform
{
    public PipelineGraph Apply(PipelineGraph graph) => throw new InvalidOperationException("transform exploded");
}

internal sealed class NullTransform : IGraphTransform
{
    public PipelineGraph Apply(PipelineGraph graph) => null!;
}

/// <summary>Reports one warning per graph, and records the graph it saw.</summary>
internal sealed class RecordingRule : ILintRule
{
    public string Name => "recording_rule";

    public PipelineGraph? GraphSeen { get; private set; }

    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        GraphSeen = graph;
        yield return DiagnosticDescriptors.TypeKnown.Create("custom rule ran", graph.FilePath, graph.IdSpan);
    }
}

internal sealed class ThrowingRule : ILintRule
{
    public string Name => "throwing_rule";

    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => throw new InvalidOperationException("rule exploded");
}
