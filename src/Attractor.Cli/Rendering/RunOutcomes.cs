// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines;

namespace Attractor.Cli.Rendering;

/// <summary>Reads each node's last outcome from a run directory (the stage directories' <c>status.json</c>).</summary>
internal static class RunOutcomes
{
    /// <summary>
    /// Finds the latest run of <paramref name="graph"/> under <paramref name="runsDirectory"/>: the
    /// sub-directory named <c>&lt;graph id&gt;-...</c> (the CLI's default naming) with the newest checkpoint.
    /// </summary>
    /// <returns>The run directory, or null when there is none.</returns>
    public static string? FindLatestRun(string runsDirectory, PipelineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(runsDirectory);
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Id.Length == 0 || !Directory.Exists(runsDirectory))
        {
            return null;
        }

        return Directory.EnumerateDirectories(runsDirectory, graph.Id + "-*")
            .Where(static d => File.Exists(CheckpointStore.PathFor(d)))
            .OrderByDescending(static d => File.GetLastWriteTimeUtc(CheckpointStore.PathFor(d)))
            .ThenByDescending(static d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Reads the outcome of every node of <paramref name="graph"/> that has a status file in <paramref name="runDirectory"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, NodeOutcome>> ReadAsync(string runDirectory, PipelineGraph graph, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(graph);
        var outcomes = new Dictionary<string, NodeOutcome>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            Outcome? outcome;
            try
            {
                outcome = await StatusFile.TryReadAsync(RunDirectory.StagePath(runDirectory, node.Id), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // A damaged status file colours nothing; the diagram is still useful.
                continue;
            }

            if (outcome is not null)
            {
                outcomes[node.Id] = outcome.Status switch
                {
                    StageStatus.Success or StageStatus.PartialSuccess => NodeOutcome.Success,
                    StageStatus.Retry => NodeOutcome.Retry,
                    StageStatus.Fail => NodeOutcome.Fail,
                    _ => NodeOutcome.None,
                };
            }
        }

        return outcomes;
    }
}
