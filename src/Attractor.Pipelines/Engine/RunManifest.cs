// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Pipelines;

/// <summary>The metadata of a run, written as <c>{logs_root}/manifest.json</c> (attractor-spec §5.6).</summary>
public sealed record RunManifest
{
    /// <summary>The file name inside the run directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Gets the pipeline name: the graph label, else its ID.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the graph goal.</summary>
    [JsonPropertyName("goal")]
    public string Goal { get; init; } = string.Empty;

    /// <summary>Gets when the run started.</summary>
    [JsonPropertyName("start_time")]
    public DateTimeOffset StartTime { get; init; }

    /// <summary>Gets the DOT file the run came from, or null.</summary>
    [JsonPropertyName("source_path")]
    public string? SourcePath { get; init; }

    /// <summary>Gets the unique run ID; a <c>loop_restart</c> keeps it.</summary>
    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = string.Empty;

    /// <summary>Gets how many <c>loop_restart</c>s led to this run directory (0 for the first).</summary>
    [JsonPropertyName("restart")]
    public int Restart { get; init; }

    /// <summary>
    /// Gets the full name of the generated runner class that ran the pipeline (<see cref="PipelineRunOptions.Runner"/>),
    /// or null. Such a run has no <c>pipeline.dot</c> (its graph is compiled into the class), so this is what
    /// lets <c>attractor resume --assembly</c> find the class again. Not written when null, so manifests of
    /// other runs are as before.
    /// </summary>
    [JsonPropertyName("runner")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Runner { get; init; }

    /// <summary>
    /// Gets the name of the backend the run's codergen nodes ran on by default (<see cref="PipelineRunOptions.BackendName"/>),
    /// or null. <c>attractor resume</c> without <c>--backend</c> resumes on it. Not written when null.
    /// </summary>
    [JsonPropertyName("backend")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Backend { get; init; }

    /// <summary>Gets the node the run started at.</summary>
    [JsonPropertyName("start_node")]
    public string StartNode { get; init; } = string.Empty;
}
