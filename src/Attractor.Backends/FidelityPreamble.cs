// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends;

/// <summary>
/// The text that carries the run's state into a fresh LLM session (attractor-spec §5.4), built from the run
/// context: the goal and run ID, the stage history (the context log: <c>node: status — notes</c>) and the
/// context values. Its size follows the fidelity mode; a reused <c>full</c> session gets none.
/// </summary>
internal static class FidelityPreamble
{
    /// <summary>Context keys that are the engine's bookkeeping or shown elsewhere, never listed as values.</summary>
    private static readonly string[] HiddenPrefixes = ["internal.", "graph."];

    /// <summary>Builds the preamble for a fresh session.</summary>
    /// <param name="mode">The fidelity mode; <c>full</c> (the first node of a thread) gets the <c>compact</c> summary.</param>
    /// <param name="context">The run context.</param>
    /// <param name="toolCalls">The run's earlier tool calls (<c>node: tool(arguments) → ok|error</c>), shown by <c>summary:high</c>.</param>
    /// <returns>The preamble, ending with a blank line.</returns>
    public static string Build(string mode, PipelineContext context, IReadOnlyList<string>? toolCalls = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shape = Shape.For(mode);
        var text = new StringBuilder();
        text.Append("<pipeline_context fidelity=\"").Append(mode).Append("\">\n");
        var goal = context.GetString("graph.goal");
        if (goal.Length > 0)
        {
            text.Append("Goal: ").Append(goal).Append('\n');
        }

        var runId = context.GetString("internal.run_id");
        if (runId.Length > 0)
        {
            text.Append("Run: ").Append(runId).Append('\n');
        }

        if (shape.HistoryEntries > 0)
        {
            AppendHistory(text, context.Logs, shape);
        }

        if (shape.ValueLength > 0)
        {
            AppendValues(text, context, shape);
        }

        if (shape.ToolCalls > 0 && toolCalls is { Count: > 0 })
        {
            var shown = toolCalls.Skip(Math.Max(0, toolCalls.Count - shape.ToolCalls)).ToList();
            text.Append("Tool calls (").Append(toolCalls.Count).Append(shown.Count < toolCalls.Count ? ", last " + shown.Count + " shown" : string.Empty).Append("):\n");
            foreach (var call in shown)
            {
                text.Append("- ").Append(call).Append('\n');
            }
        }

        if (text.Length > shape.Budget)
        {
            // A hard cap, so one huge value cannot blow the mode's token budget.
            text.Length = shape.Budget;
            text.Append("\n[context truncated]\n");
        }

        text.Append("</pipeline_context>\n\n");
        return text.ToString();
    }

    private static void AppendHistory(StringBuilder text, IReadOnlyList<string> logs, Shape shape)
    {
        if (logs.Count == 0)
        {
            return;
        }

        var shown = logs.Skip(Math.Max(0, logs.Count - shape.HistoryEntries)).ToList();
        text.Append("Completed stages (").Append(logs.Count).Append(" log entries");
        if (shown.Count < logs.Count)
        {
            text.Append(", last ").Append(shown.Count).Append(" shown");
        }

        text.Append("):\n");
        foreach (var entry in shown)
        {
            text.Append("- ").Append(Clip(entry, shape.ValueLength > 0 ? Math.Max(shape.ValueLength, 200) : 200)).Append('\n');
        }
    }

    private static void AppendValues(StringBuilder text, PipelineContext context, Shape shape)
    {
        var values = context.Snapshot()
            .Where(pair => !HiddenPrefixes.Any(prefix => pair.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => (pair.Key, Value: PipelineContext.ToText(pair.Value)))
            .Where(pair => pair.Value.Length > 0)
            .ToList();
        if (values.Count == 0)
        {
            return;
        }

        text.Append("Context:\n");
        foreach (var (key, value) in values)
        {
            text.Append("- ").Append(key).Append(": ").Append(Clip(value, shape.ValueLength)).Append('\n');
        }
    }

    private static string Clip(string value, int maxLength)
    {
        var single = value.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ');
        return single.Length <= maxLength ? single : CodergenHandler.Truncate(single, maxLength) + "…";
    }

    /// <summary>How much of the run a mode carries: history entries, characters per value (0 = no values), tool calls and a total budget (~4 characters a token).</summary>
    private sealed record Shape(int HistoryEntries, int ValueLength, int ToolCalls, int Budget)
    {
        public static Shape For(string mode) => mode switch
        {
            "truncate" => new(0, 0, 0, 1_000),
            "summary:low" => new(5, 0, 0, 2_400),
            "summary:medium" => new(15, 300, 0, 6_000),
            "summary:high" => new(50, 1_000, 40, 12_000),

            // compact, the first node of a full thread, and any mode added later.
            _ => new(int.MaxValue, 200, 0, 8_000),
        };
    }
}
