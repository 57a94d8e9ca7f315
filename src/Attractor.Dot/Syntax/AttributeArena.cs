// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;

namespace Attractor.Dot.Syntax;

/// <summary>
/// Where the parser keeps each node's attributes until the node is built. A node's final attributes
/// are stored once, at the end, in the parse's <see cref="EntryStore"/> (the built-in transforms may
/// add to them); the working copies live here, in chunks reused from one large parse to the next, so they are never
/// garbage. Every chunk is below the large-object threshold.
/// </summary>
internal sealed class AttributeArena
{
    private const int ChunkLength = 1024;

    // Kept only up to 10 MB of chunks (a file of ~25,000 nodes), so one enormous file does not
    // pin its arena for good.
    private const int MaxSpareChunks = 256;

    private static AttributeArena? s_spare;

    private readonly List<AttributeEntry[]> _chunks = new();
    private int _chunk = -1;
    private int _used = ChunkLength;

    public static AttributeArena Rent() => Interlocked.Exchange(ref s_spare, null) ?? new AttributeArena();

    /// <summary>Reserves room for <paramref name="capacity"/> entries in one array.</summary>
    public AttributeEntry[] Allocate(int capacity, out int offset)
    {
        if (capacity > ChunkLength)
        {
            offset = 0;
            return new AttributeEntry[capacity];
        }

        if (_used + capacity > ChunkLength)
        {
            _chunk++;
            if (_chunk == _chunks.Count)
            {
                _chunks.Add(new AttributeEntry[ChunkLength]);
            }

            _used = 0;
        }

        offset = _used;
        _used += capacity;
        return _chunks[_chunk];
    }

    /// <summary>Empties the arena (it holds the parse's strings) and keeps it for the next parse.</summary>
    public void Return()
    {
        for (var i = 0; i <= _chunk && i < _chunks.Count; i++)
        {
            Array.Clear(_chunks[i], 0, i == _chunk ? _used : ChunkLength);
        }

        _chunk = -1;
        _used = ChunkLength;
        if (_chunks.Count <= MaxSpareChunks)
        {
            Volatile.Write(ref s_spare, this);
        }
    }
}
