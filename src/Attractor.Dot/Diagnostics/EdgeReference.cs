// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>Identifies an edge by its endpoints, as the spec's diagnostic model does.</summary>
public readonly record struct EdgeReference(string From, string To)
{
    /// <inheritdoc />
    public override string ToString() => From + " -> " + To;
}
