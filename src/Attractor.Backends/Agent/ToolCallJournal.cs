// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.Json;

namespace Attractor.Backends;

/// <summary>
/// One line per agent tool call of a run (<c>node: tool(arguments) → ok|error</c>), for the tool call summaries of
/// <c>summary:high</c> fidelity (§5.4). In memory: a resumed run starts with an empty journal.
/// </summary>
internal sealed class ToolCallJournal
{
    /// <summary>The most recent entries kept per run.</summary>
    public const int Capacity = 100;

    private readonly ConcurrentDictionary<string, Queue<string>> _runs = new(StringComparer.Ordinal);

    /// <summary>Records a finished call.</summary>
    public void Add(string runId, string nodeId, string toolName, string? arguments, bool isError)
    {
        var entry = $"{nodeId}: {toolName}({Summarize(arguments)}) → {(isError ? "error" : "ok")}";
        var entries = _runs.GetOrAdd(runId, static _ => new Queue<string>());
        lock (entries)
        {
            entries.Enqueue(entry);
            while (entries.Count > Capacity)
            {
                entries.Dequeue();
            }
        }
    }

    /// <summary>The run's entries, oldest first.</summary>
    public IReadOnlyList<string> For(string runId)
    {
        if (!_runs.TryGetValue(runId, out var entries))
        {
            return [];
        }

        lock (entries)
        {
            return [.. entries];
        }
    }

    /// <summary>The arguments' string values, each cut short: enough to recognise the call, never a whole file.</summary>
    private static string Summarize(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return string.Empty;
            }

            return string.Join(", ", document.RootElement.EnumerateObject()
                .Where(static property => property.Name is not ("content" or "new_string" or "old_string" or "patch"))
                .Select(static property => property.Name + "=" + Clip(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText())));
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private static string Clip(string value)
    {
        var single = value.Replace('\n', ' ');
        return single.Length <= 80 ? single : single[..80] + "…";
    }
}
