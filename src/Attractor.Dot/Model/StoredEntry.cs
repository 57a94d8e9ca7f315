// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// An attribute as an <see cref="EntryChunk"/> keeps it: the compact fields of an
/// <see cref="AttributeEntry"/> without its line table, which the chunk holds for all its entries
/// (16 bytes instead of 24).
/// </summary>
/// <remarks>
/// The entries of a large pipeline's nodes and edges are most of what a load allocates, and all of
/// it survives the load. <c>_value</c> is the value; the <see cref="DeferredText"/> of a value not
/// built yet (its line table is the chunk's); or a <see cref="Box"/> with the whole entry, for the
/// few an entry of this form cannot say (see <see cref="AttributeEntry.Pack"/>). Mutable only in
/// that reading a deferred value through a reference to the stored entry keeps the built value.
/// </remarks>
internal struct StoredEntry
{
    private readonly int _start;
    private readonly uint _bits;
    private object _value;

    internal StoredEntry(object value, int start, uint bits)
    {
        _value = value;
        _start = start;
        _bits = bits;
    }

    /// <summary>Gets the key.</summary>
    public readonly string Key => _value is Box box ? box.Entry.Key : AttributeEntry.KeyOf(_bits);

    /// <summary>Gets the value; builds (and keeps) a deferred one on first read.</summary>
    public string Value
    {
        get
        {
            // Read once: another thread may replace a deferred value with the built one meanwhile.
            var current = _value;
            switch (current)
            {
                case string value:
                    return value;
                case Box box:
                    return box.Entry.Value;
                default:
                    var entry = AttributeEntry.Unpack(current, _start, _bits, chunkPositions: null);
                    var built = entry.Value;

                    // Escaped text keeps its text as written (RawText) next to the value.
                    _value = ((DeferredText)current).Unescapes ? new Box(entry) : built;
                    return built;
            }
        }
    }

    /// <summary>Boxes an entry this form cannot hold.</summary>
    public static StoredEntry Boxed(in AttributeEntry entry) => new(new Box(entry), 0, 0);

    /// <summary>Returns the entry, its spans on the line table of the chunk that holds it.</summary>
    public readonly AttributeEntry ToEntry(object? chunkPositions) =>
        _value is Box box ? box.Entry : AttributeEntry.Unpack(_value, _start, _bits, chunkPositions);

    private sealed class Box
    {
        // A field, so reading a deferred value through it keeps the built value here.
#pragma warning disable SA1401 // Fields should be private: the class is private to the struct.
        internal AttributeEntry Entry;
#pragma warning restore SA1401

        public Box(in AttributeEntry entry)
        {
            Entry = entry;
        }
    }
}
