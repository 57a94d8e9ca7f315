// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>Describes one stored artifact (attractor-spec §5.5).</summary>
/// <param name="Id">The artifact ID.</param>
/// <param name="Name">The human-readable name.</param>
/// <param name="SizeBytes">The size of the artifact's JSON serialization, in bytes.</param>
/// <param name="StoredAt">When it was stored.</param>
/// <param name="IsFileBacked">Whether the data lives in <c>{base_dir}/artifacts/{id}.json</c> rather than in memory.</param>
public sealed record ArtifactInfo(string Id, string Name, long SizeBytes, DateTimeOffset StoredAt, bool IsFileBacked);
