// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Dot;

/// <summary>
/// The attributes of one node or edge where they are stored: an array of their own (a map's, a
/// shared stylesheet tail), or a run of an <see cref="EntryChunk"/> that holds other owners' runs too.
/// A view for readers; it must not be used to change them.
/// </summary>
internal readonly struct EntryRun
{
    private readonly AttributeEntry[]? _entries;
    private readonly EntryChunk? _chunk;
    private readonly int _offset;

    public EntryRun(AttributeEntry[] entries)
    {
        _entries = entries;
        _chunk = null;
        _offset = 0;
        Length = entries.Length;
    }

    public EntryRun(EntryChunk chunk, int offset, int length)
    {
        _entries = null;
        _chunk = chunk;
        _offset = offset;
        Length = length;
    }

    /// <summary>Gets how many entries the run has.</summary>
    public int Length { get; }

    /// <summary>Gets the array the run is in (an <see cref="AttributeEntry"/>[] or a <see cref="StoredEntry"/>[]), for telling storage apart.</summary>
    public object Storage => (object?)_chunk?.Items ?? _entries!;

    /// <summary>Gets a copy of the entry at <paramref name="index"/>.</summary>
    public AttributeEntry this[int index] => _chunk is { } chunk
        ? chunk.Items[_offset + index].ToEntry(chunk.Positions)
        : _entries![_offset + index];

    /// <summary>Returns the key of the entry at <paramref name="index"/>.</summary>
    public string KeyAt(int index) => _chunk is { } chunk ? chunk.Items[_offset + index].Key : _entries![_offset + index].Key;

    /// <summary>Returns the value of the entry at <paramref name="index"/>, read in place: a deferred value built here stays built.</summary>
    public string ValueAt(int index) => _chunk is { } chunk ? chunk.Items[_offset + index].Value : _entries![_offset + index].Value;

    /// <summary>Returns the index in the run of the entry with this key, or -1.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < Length; i++)
        {
            if (string.Equals(KeyAt(i), key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Copies the entries to the start of <paramref name="destination"/>.</summary>
    public void CopyTo(AttributeEntry[] destination)
    {
        for (var i = 0; i < Length; i++)
        {
            destination[i] = this[i];
        }
    }

    /// <summary>Returns the entries as an array of their own (the array itself when the run is all of one).</summary>
    public AttributeEntry[] ToArray()
    {
        if (_chunk is null && _offset == 0 && Length == _entries!.Length)
        {
            return _entries;
        }

        var copy = Length == 0 ? Array.Empty<AttributeEntry>() : new AttributeEntry[Length];
        CopyTo(copy);
        return copy;
    }
}
