// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>An edge named by a diagnostic, as its endpoints.</summary>
/// <param name="From">The source node ID.</param>
/// <param name="To">The target node ID.</param>
public sealed record JsonEdge(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To);
