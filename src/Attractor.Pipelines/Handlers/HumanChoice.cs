// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>One choice of a human gate, derived from an outgoing edge (attractor-spec §4.6).</summary>
/// <param name="Key">The accelerator key, upper case.</param>
/// <param name="Label">The edge label, or the target node ID when the edge has none.</param>
/// <param name="To">The target node ID.</param>
public sealed record HumanChoice(string Key, string Label, string To);
