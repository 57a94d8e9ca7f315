// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Pipelines;
using Attractor.Pipelines.Events;

namespace Attractor.Backends;

/// <summary>
/// What happened in a run, stage by stage: order, outcome, retries and each backend attempt's end (with its failure
/// category or cancel result). Built live from the events (<see cref="RunTimelineBuilder"/>) or replayed from the
/// run directory (<see cref="Read"/>: <c>events.jsonl</c> plus each stage's <c>backend-events.jsonl</c>); both give
/// the same timeline.
/// </summary>
/// <param name="Stages">The stages in the order they started.</param>
public sealed record RunTimeline(IReadOnlyList<TimelineStage> Stages)
{
    private static readonly JsonSerializerOptions EngineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Replays a run's timeline from its directory.</summary>
    /// <param name="logsRoot">The run directory (holding <c>events.jsonl</c>).</param>
    /// <returns>The timeline.</returns>
    /// <exception cref="FileNotFoundException">The directory has no <c>events.jsonl</c>.</exception>
    public static RunTimeline Read(string logsRoot)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        var builder = new RunTimelineBuilder();
        foreach (var pipelineEvent in ReadPipelineEvents(logsRoot))
        {
            builder.Add(pipelineEvent);
        }

        foreach (var nodeId in builder.NodeIds)
        {
            foreach (var recorded in BackendEventLog.Read(Path.Combine(RunDirectory.StagePath(logsRoot, nodeId), BackendEventLog.FileName)))
            {
                builder.Add(recorded.Event);
            }
        }

        return builder.Build();
    }

    /// <summary>Reads the engine's <c>events.jsonl</c> of a run; a torn line is skipped.</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <returns>The events in file order.</returns>
    /// <exception cref="FileNotFoundException">The directory has no <c>events.jsonl</c>.</exception>
    public static IReadOnlyList<PipelineEvent> ReadPipelineEvents(string logsRoot)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        var path = Path.Combine(logsRoot, "events.jsonl");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("No events.jsonl in '" + logsRoot + "': not a run directory.", path);
        }

        var events = new List<PipelineEvent>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<PipelineEvent>(line, EngineJson) is { } pipelineEvent)
                {
                    events.Add(pipelineEvent);
                }
            }
            catch (JsonException)
            {
                // A torn last line or an event type of a newer engine: skipped.
            }
            catch (NotSupportedException)
            {
            }
        }

        return events;
    }
}
