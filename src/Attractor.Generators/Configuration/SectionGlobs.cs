// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;

namespace Attractor.Generators.Configuration;

/// <summary>
/// Compiled section globs shared across runs and files. Kept out of the pipeline values (which must
/// stay plain data) and bounded, since a long-lived compiler server sees many projects.
/// </summary>
internal static class SectionGlobs
{
    private const int Capacity = 512;

    private static readonly ConcurrentDictionary<string, SectionGlob?> Cache = new(System.StringComparer.Ordinal);

    /// <summary>Gets the matcher for a section name, or null when the name is not a valid glob.</summary>
    public static SectionGlob? Get(string sectionName)
    {
        if (Cache.TryGetValue(sectionName, out var glob))
        {
            return glob;
        }

        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        glob = SectionGlob.TryCreate(sectionName);
        Cache[sectionName] = glob;
        return glob;
    }
}
