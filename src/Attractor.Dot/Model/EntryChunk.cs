// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// One array of an <see cref="EntryStore"/>: the attributes of many nodes and edges of one parse,
/// each a run at its own offset, and through its store what those nodes and edges share.
/// </summary>
/// <remarks>
/// A node or edge that keeps its attributes here needs neither an array of its own (24 bytes of
/// header and length, and one more object for the collector to visit) nor a field for its line
/// table, and an edge needs no fields for its endpoint IDs: all come from the chunk it points at.
/// The entries do not keep the line table either (<see cref="StoredEntry"/>).
/// </remarks>
internal sealed class EntryChunk
{
    public EntryChunk(int length, EntryStore store)
    {
        Items = length == 0 ? System.Array.Empty<StoredEntry>() : new StoredEntry[length];
        Store = store;
    }

    /// <summary>Gets the entries; each owner reads only its own run.</summary>
    public StoredEntry[] Items { get; }

    /// <summary>Gets the store the chunk belongs to.</summary>
    public EntryStore Store { get; }

    /// <summary>Gets the line table (<see cref="SourceSpan.Positions"/>) of the spans of the nodes and edges whose attributes are here.</summary>
    public object? Positions => Store.Positions;

    /// <summary>Stores an entry at <paramref name="index"/>.</summary>
    public void Set(int index, in AttributeEntry entry) => Items[index] = entry.Pack(Store.Positions);
}
