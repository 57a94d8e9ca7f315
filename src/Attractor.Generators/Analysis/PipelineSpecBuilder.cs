// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using Attractor.Dot;
using Attractor.Generators.Emit;
using Attractor.Generators.Model;

namespace Attractor.Generators.Analysis;

/// <summary>Describes the runner class of a validated graph: names, documentation and the graph's values.</summary>
internal static class PipelineSpecBuilder
{
    private const string ClassSuffix = "Pipeline";

    // Members of the generated Nodes class may not share its name (CS0542).
    private const string NodesClassName = "Nodes";

    public static PipelineSpec Build(PipelineGraph graph, PipelineFile file, GeneratorOptions options, IEnumerable<string> customTypes)
    {
        var folder = PathText.DirectoryOf(file.RelativePath);
        var ns = file.NamespaceOverride.Length > 0
            ? Identifiers.ToNamespace(file.NamespaceOverride, string.Empty)
            : Identifiers.ToNamespace(options.RootNamespace, folder);

        var handlers = Handlers(graph, customTypes);
        return new PipelineSpec(
            file.Path,
            file.RelativePath,
            ns,
            AvoidMemberNames(ClassName(graph, file), handlers),
            graph.Id,
            Attributes(graph.Attributes),
            graph.IdSpan,
            graph.Label,
            graph.Goal,
            Nodes(graph),
            Edges(graph),
            handlers);
    }

    /// <summary>
    /// A class may not share a name with its members (CS0542), e.g. <c>ClassName="Graph"</c>; such a
    /// name gets the <c>Pipeline</c> suffix instead of failing the build inside generated code.
    /// </summary>
    private static string AvoidMemberNames(string className, EquatableArray<HandlerSpec> handlers)
    {
        while (PipelineEmitter.MemberNames.Contains(className) || handlers.Any(h => h.MethodName == className))
        {
            className += ClassSuffix;
        }

        return className;
    }

    /// <summary>
    /// Metadata <c>ClassName</c> when set; else the graph ID (or, without one, the file name) in
    /// PascalCase with a <c>Pipeline</c> suffix, unless the name already ends with it.
    /// </summary>
    private static string ClassName(PipelineGraph graph, PipelineFile file)
    {
        if (file.ClassNameOverride.Length > 0)
        {
            return Identifiers.Sanitize(file.ClassNameOverride);
        }

        var source = graph.Id.Length > 0 ? graph.Id : PathText.FileStem(file.RelativePath);
        var name = Identifiers.ToPascalCase(source, string.Empty);
        return name.EndsWith(ClassSuffix, StringComparison.Ordinal) ? name : name + ClassSuffix;
    }

    private static EquatableArray<NodeSpec> Nodes(PipelineGraph graph)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { NodesClassName };
        var nodes = new List<NodeSpec>(graph.Nodes.Count);
        foreach (var node in graph.Nodes)
        {
            var name = Identifiers.MakeUnique(Identifiers.ToPascalCase(node.Id, "Node"), used);
            nodes.Add(new NodeSpec(node.Id, name, node.Label, node.HandlerType, node.Prompt, Attributes(node.Attributes), node.Span, node.SubgraphClasses.ToEquatableArray()));
        }

        return nodes.ToEquatableArray();
    }

    private static EquatableArray<EdgeSpec> Edges(PipelineGraph graph)
    {
        var edges = new List<EdgeSpec>(graph.Edges.Count);
        foreach (var edge in graph.Edges)
        {
            edges.Add(new EdgeSpec(edge.From, edge.To, Attributes(edge.Attributes), edge.Span, edge.FromSpan, edge.ToSpan));
        }

        return edges.ToEquatableArray();
    }

    private static EquatableArray<HandlerSpec> Handlers(PipelineGraph graph, IEnumerable<string> customTypes)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var handlers = new List<HandlerSpec>();
        foreach (var type in customTypes)
        {
            var method = Identifiers.MakeUnique("Handle" + Identifiers.ToPascalCase(type, "Custom"), used) + "Async";
            var nodeIds = new List<string>();
            foreach (var node in graph.Nodes)
            {
                if (string.Equals(node.Type, type, StringComparison.Ordinal))
                {
                    nodeIds.Add(node.Id);
                }
            }

            handlers.Add(new HandlerSpec(type, method, nodeIds.ToEquatableArray()));
        }

        return handlers.ToEquatableArray();
    }

    private static EquatableArray<AttributeSpec> Attributes(AttributeMap attributes)
    {
        var specs = new AttributeSpec[attributes.Count];
        for (var i = 0; i < specs.Length; i++)
        {
            specs[i] = AttributeSpec.From(attributes[i]);
        }

        return new EquatableArray<AttributeSpec>(specs);
    }
}
