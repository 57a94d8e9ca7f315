// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Filters and limits of <see cref="IExecutionEnvironment.GrepAsync"/>.</summary>
public sealed record GrepOptions
{
    /// <summary>Gets a glob the searched file names must match (e.g. <c>*.py</c>), or null for every file.</summary>
    public string? GlobFilter { get; init; }

    /// <summary>Gets a value indicating whether letters match regardless of case.</summary>
    public bool CaseInsensitive { get; init; }

    /// <summary>Gets the maximum number of matching lines to return. Defaults to 100.</summary>
    public int MaxResults { get; init; } = 100;
}
