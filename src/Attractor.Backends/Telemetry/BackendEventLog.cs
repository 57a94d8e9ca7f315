// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Backends;

/// <summary>
/// The per-stage record of backend events: <c>backend-events.jsonl</c> in the stage directory, one JSON object per
/// lifecycle event of every attempt (appended, so retries follow each other), in the shape of <see cref="BackendEvent"/>
/// (snake_case, <c>type</c> first). Terminal lines add <c>duration_ms</c>; canceled lines add
/// <c>cancel_latency_ms</c> when the cancel request was seen.
/// </summary>
public static class BackendEventLog
{
    /// <summary>The file name in the stage directory.</summary>
    public const string FileName = "backend-events.jsonl";

    /// <summary>Gets the JSON settings of the file.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    /// <summary>Serializes one event as a line of the file.</summary>
    /// <param name="backendEvent">The event.</param>
    /// <param name="durationMs">The attempt's duration, for terminal events.</param>
    /// <param name="cancelLatencyMs">The cancel latency, for canceled events.</param>
    /// <returns>The JSON text (one line).</returns>
    public static string Serialize(BackendEvent backendEvent, double? durationMs = null, double? cancelLatencyMs = null)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(backendEvent, JsonOptions)!;
        if (durationMs is { } duration)
        {
            node["duration_ms"] = Math.Round(duration, 3);
        }

        if (cancelLatencyMs is { } latency)
        {
            node["cancel_latency_ms"] = Math.Round(latency, 3);
        }

        return node.ToJsonString(JsonOptions);
    }

    /// <summary>Reads a stage's file; lines that are not events (a torn last line) are skipped.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The events with their recorded duration and cancel latency.</returns>
    public static IReadOnlyList<RecordedBackendEvent> Read(string path)
    {
        var events = new List<RecordedBackendEvent>();
        if (!File.Exists(path))
        {
            return events;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var node = JsonNode.Parse(line) as JsonObject;
                var backendEvent = node?.Deserialize<BackendEvent>(JsonOptions);
                if (node is null || backendEvent is null)
                {
                    continue;
                }

                events.Add(new RecordedBackendEvent(backendEvent, node["duration_ms"]?.GetValue<double>(), node["cancel_latency_ms"]?.GetValue<double>()));
            }
            catch (JsonException)
            {
                // A torn line (the process died mid-write) loses that event only.
            }
            catch (NotSupportedException)
            {
            }
        }

        return events;
    }
}
