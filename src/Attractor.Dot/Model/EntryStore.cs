// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// Where a parse (or a transform) puts the final attributes of the nodes and edges it builds: runs
/// in a few shared <see cref="EntryChunk"/>s instead of one array per node and per edge.
/// </summary>
/// <remarks>
/// Everything a large load allocates survives it, so each collection that lands inside the load
/// copies and visits what was built so far; a pipeline of 20,000 nodes has 60,000 attribute arrays
/// of a few entries each. Chunks start small, so a short file does not pay for a large one, and
/// double up to a length that stays below the large-object threshold (85,000 bytes): large objects
/// count toward full collections. A node or edge keeps its chunk, and through it the store and the
/// parse's node list, alive: a graph is loaded, used and dropped as a whole. Not thread-safe: one
/// instance per parse or transform.
/// </remarks>
internal sealed class EntryStore
{
    // 5,120 entries of 16 bytes: 81,920 bytes plus the array header.
    internal const int MaxChunkLength = 5120;
    private const int FirstChunkLength = 32;

    private EntryChunk? _chunk;
    private int _used;

    /// <param name="positions">The line table of the spans of the nodes and edges that will keep their attributes here.</param>
    public EntryStore(object? positions)
    {
        Positions = positions;
    }

    /// <summary>Gets the line table of the chunks.</summary>
    public object? Positions { get; }

    /// <summary>
    /// Gets or sets the nodes of the parse, in the order the edges' endpoint positions count them;
    /// set once they are built, before anyone reads an edge kept here (see <see cref="PipelineEdge.From"/>).
    /// </summary>
    public IReadOnlyList<PipelineNode>? Nodes { get; set; }

    /// <summary>Reserves <paramref name="count"/> consecutive entries for one owner, who fills them.</summary>
    /// <param name="count">How many entries.</param>
    /// <param name="offset">Where the run starts in the returned chunk's <see cref="EntryChunk.Items"/>.</param>
    public EntryChunk Reserve(int count, out int offset)
    {
        if (count > MaxChunkLength)
        {
            // Alone in a chunk of its own, so the shared one keeps its room.
            offset = 0;
            return new EntryChunk(count, this);
        }

        var chunk = _chunk;
        if (chunk is null || _used + count > chunk.Items.Length)
        {
            var length = chunk is null ? FirstChunkLength : Math.Min(chunk.Items.Length * 2, MaxChunkLength);
            chunk = new EntryChunk(Math.Max(length, count), this);
            _chunk = chunk;
            _used = 0;
        }

        offset = _used;
        _used += count;
        return chunk;
    }

    /// <summary>Stores <paramref name="count"/> entries of <paramref name="source"/> from <paramref name="start"/> as a new run.</summary>
    public EntryChunk Add(AttributeEntry[] source, int start, int count, out int offset)
    {
        var chunk = Reserve(count, out offset);
        for (var i = 0; i < count; i++)
        {
            chunk.Set(offset + i, source[start + i]);
        }

        return chunk;
    }
}
