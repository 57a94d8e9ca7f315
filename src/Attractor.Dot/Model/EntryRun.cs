// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// The attributes of one node or edge where they are stored: a run of an array that may hold other
/// owners' runs too (see <see cref="EntryStore"/>). A view for readers; it must not be used to change them.
/// </summary>
internal readonly struct EntryRun
{
    public EntryRun(AttributeEntry[] items)
        : this(items, 0, items.Length)
    {
    }

    public EntryRun(AttributeEntry[] items, int offset, int length)
    {
        Items = items;
        Offset = offset;
        Length = length;
    }

    /// <summary>Gets the array the run is in.</summary>
    public AttributeEntry[] Items { get; }

    /// <summary>Gets where the run starts in <see cref="Items"/>.</summary>
    public int Offset { get; }

    /// <summary>Gets how many entries the run has.</summary>
    public int Length { get; }

    /// <summary>Gets the stored entry; reading a deferred value through it keeps the built value.</summary>
    public ref AttributeEntry this[int index] => ref Items[Offset + index];

    /// <summary>Returns the index in the run of the entry with this key, or -1.</summary>
    public int IndexOf(string key) => AttributeMap.IndexOf(Items, Offset, Length, key);

    /// <summary>Copies the run into an array of its own.</summary>
    public AttributeEntry[] ToArray()
    {
        if (Offset == 0 && Length == Items.Length)
        {
            return Items;
        }

        var copy = Length == 0 ? System.Array.Empty<AttributeEntry>() : new AttributeEntry[Length];
        System.Array.Copy(Items, Offset, copy, 0, Length);
        return copy;
    }
}
