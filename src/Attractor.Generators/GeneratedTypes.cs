// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Attractor.Generators.Model;

namespace Attractor.Generators;

/// <summary>
/// Finds pipeline files whose runners would have the same full name (two files with the same graph
/// ID in one folder). Generating both would fail the build with CS0101 in generated code, pointing
/// nowhere useful; instead the first file in ordinal path order keeps the class and each other one
/// gets ATR9001 at its graph ID.
/// </summary>
internal static class GeneratedTypes
{
    /// <summary>Gets, for every file that loses a clash, the relative path of the file that keeps the class.</summary>
    public static EquatableArray<TypeClash> FindClashes(ImmutableArray<PipelineSpec> specs)
    {
        var sorted = new List<PipelineSpec>(specs);
        sorted.Sort(static (x, y) =>
        {
            var byRelative = string.CompareOrdinal(x.RelativePath, y.RelativePath);
            return byRelative != 0 ? byRelative : string.CompareOrdinal(x.Path, y.Path);
        });

        var owners = new Dictionary<string, PipelineSpec>(StringComparer.Ordinal);
        var clashes = new List<TypeClash>();
        foreach (var spec in sorted)
        {
            var fullName = FullName(spec);
            if (owners.TryGetValue(fullName, out var owner))
            {
                clashes.Add(new TypeClash(spec.Path, fullName, owner.RelativePath));
            }
            else
            {
                owners.Add(fullName, spec);
            }
        }

        return clashes.ToEquatableArray();
    }

    public static TypeClash? Find(EquatableArray<TypeClash> clashes, string path)
    {
        foreach (var clash in clashes)
        {
            if (string.Equals(clash.Path, path, StringComparison.Ordinal))
            {
                return clash;
            }
        }

        return null;
    }

    private static string FullName(PipelineSpec spec) => spec.Namespace.Length > 0 ? spec.Namespace + "." + spec.ClassName : spec.ClassName;
}
