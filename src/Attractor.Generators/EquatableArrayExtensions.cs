// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Generators;

/// <summary>Builds <see cref="EquatableArray{T}"/> values from ordinary collections.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : System.IEquatable<T> => new(new List<T>(items).ToArray());
}
