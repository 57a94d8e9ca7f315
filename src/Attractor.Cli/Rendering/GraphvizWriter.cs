// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Dot;

namespace Attractor.Cli.Rendering;

/// <summary>
/// Writes a pipeline as plain Graphviz DOT for drawing: labels, shapes and edge labels only (the run
/// attributes are of no use to Graphviz), nodes filled by their last outcome.
/// </summary>
internal static class GraphvizWriter
{
    public static string Write(PipelineGraph graph, IReadOnlyDictionary<string, NodeOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outcomes);

        var builder = new StringBuilder();
        builder.Append("digraph ").Append(Quote(graph.Id.Length > 0 ? graph.Id : "pipeline")).Append(" {\n");
        if (graph.Attributes.GetString("rankdir") is { } rankdir)
        {
            builder.Append("    rankdir=").Append(Quote(rankdir)).Append('\n');
        }

        if (graph.Label.Length > 0)
        {
            builder.Append("    label=").Append(Quote(graph.Label)).Append("\n    labelloc=t\n");
        }

        builder.Append("    node [fontname=\"Helvetica\", style=filled, fillcolor=\"#ffffff\"]\n");
        builder.Append("    edge [fontname=\"Helvetica\"]\n");
        foreach (var node in graph.Nodes)
        {
            builder.Append("    ").Append(Quote(node.Id)).Append(" [label=").Append(Quote(node.Label)).Append(", shape=").Append(Quote(node.Shape));
            var fill = outcomes.TryGetValue(node.Id, out var outcome) ? outcome switch
            {
                NodeOutcome.Success => "#c8e6c9",
                NodeOutcome.Retry => "#fff3cd",
                NodeOutcome.Fail => "#f8d7da",
                _ => null,
            } : null;
            if (fill is not null)
            {
                builder.Append(", fillcolor=").Append(Quote(fill));
            }

            builder.Append("]\n");
        }

        foreach (var edge in graph.Edges)
        {
            builder.Append("    ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To));
            if (edge.Label.Length > 0)
            {
                builder.Append(" [label=").Append(Quote(edge.Label)).Append(']');
            }

            builder.Append('\n');
        }

        builder.Append("}\n");
        return builder.ToString();
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
