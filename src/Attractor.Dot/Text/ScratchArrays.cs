// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Threading;

namespace Attractor.Dot;

/// <summary>
/// A few large arrays kept between loads for work that does not outlive one load (the parser's
/// string table, the lint rules' adjacency arrays). Arrays of 85 KB and more are allocated on the
/// large-object heap, and every such allocation brings the next full (gen2) collection closer; a
/// large pipeline needs several per load. Reusing them removes those allocations. (This is what
/// <c>ArrayPool</c> does; netstandard2.0 has none without a package, and the source generator that
/// compiles these sources in cannot load one.)
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal static class ScratchArrays<T>
{
    /// <summary>Arrays shorter than this are allocated as usual: they stay off the large-object heap.</summary>
    public const int MinimumPooledLength = 4096;

    // Twelve per element type covers one load (the topology holds ten int arrays at once) and part
    // of a second one on another thread; more than that are allocated and dropped as before.
    private const int Slots = 12;

    // Caps what stays alive between loads: at most 1 M elements per array (a 64 MB input's string
    // table; 4 MB of ints), enough for pipelines far larger than any written by hand.
    private const int MaximumPooledLength = 1 << 20;

    private static readonly T[]?[] Cache = new T[]?[Slots];

    /// <summary>
    /// Returns an array of at least <paramref name="minimumLength"/> elements. Pooled arrays may be
    /// longer and come back cleared (every element default).
    /// </summary>
    public static T[] Rent(int minimumLength)
    {
        if (minimumLength >= MinimumPooledLength)
        {
            for (var i = 0; i < Slots; i++)
            {
                var candidate = Volatile.Read(ref Cache[i]);
                if (candidate is not null && candidate.Length >= minimumLength
                    && ReferenceEquals(Interlocked.CompareExchange(ref Cache[i], null, candidate), candidate))
                {
                    return candidate;
                }
            }
        }

        return new T[minimumLength];
    }

    /// <summary>
    /// Gives an array back for later loads. Only <paramref name="usedLength"/> elements are cleared,
    /// so the caller must not have written past them. The caller must not use the array afterwards.
    /// </summary>
    public static void Return(T[] array, int usedLength)
    {
        if (array.Length < MinimumPooledLength || array.Length > MaximumPooledLength)
        {
            return;
        }

        Array.Clear(array, 0, Math.Min(usedLength, array.Length));
        for (var i = 0; i < Slots; i++)
        {
            if (Interlocked.CompareExchange(ref Cache[i], array, null) is null)
            {
                return;
            }
        }

        // All slots taken: keep the larger array, so one big load does not keep reallocating.
        for (var i = 0; i < Slots; i++)
        {
            var held = Volatile.Read(ref Cache[i]);
            if (held is not null && held.Length < array.Length
                && ReferenceEquals(Interlocked.CompareExchange(ref Cache[i], array, held), held))
            {
                return;
            }
        }
    }
}
