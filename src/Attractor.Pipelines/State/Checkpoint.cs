// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Pipelines;

/// <summary>
/// The run state saved after every completed node (attractor-spec §5.3), stored as
/// <c>{logs_root}/checkpoint.json</c> with exactly the fields <c>timestamp</c>,
/// <c>current_node</c>, <c>completed_nodes</c>, <c>node_retries</c>, <c>context</c> and <c>logs</c>.
/// </summary>
public sealed record Checkpoint
{
    /// <summary>The file name inside the run directory.</summary>
    public const string FileName = "checkpoint.json";

    /// <summary>Gets when the checkpoint was created.</summary>
    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the ID of the last completed node.</summary>
    [JsonPropertyName("current_node")]
    public string CurrentNode { get; init; } = string.Empty;

    /// <summary>Gets the IDs of all completed nodes in order.</summary>
    [JsonPropertyName("completed_nodes")]
    public IReadOnlyList<string> CompletedNodes { get; init; } = [];

    /// <summary>Gets the retry counters per node.</summary>
    [JsonPropertyName("node_retries")]
    public IReadOnlyDictionary<string, int> NodeRetries { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Gets the context snapshot. After loading, JSON strings, booleans and numbers are
    /// <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>/<see cref="long"/>/<see cref="double"/>;
    /// objects and arrays are <see cref="System.Text.Json.Nodes.JsonNode"/>s.
    /// </summary>
    [JsonPropertyName("context")]
    public IReadOnlyDictionary<string, object?> Context { get; init; } = new Dictionary<string, object?>();

    /// <summary>Gets the run log entries.</summary>
    [JsonPropertyName("logs")]
    public IReadOnlyList<string> Logs { get; init; } = [];
}
