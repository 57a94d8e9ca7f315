// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Syntax;

/// <summary>
/// Deduplicates short words and strings (keys, node IDs, bare values, conditions, labels) while
/// lexing: a pipeline repeats the same few hundred of them thousands of times, and sharing one
/// instance saves the allocations and makes later dictionary lookups hit the reference fast path.
/// </summary>
internal sealed class StringTable
{
    /// <summary>The longest text the table shares; longer strings are allocated each time.</summary>
    public const int MaxLength = 64;
    private string?[] _entries;
    private int _count;

    /// <summary>Sizes the table for the text, so large files do not rehash repeatedly.</summary>
    public StringTable(int textLength)
    {
        // Large generated pipelines hold about one distinct short string per 170 characters, and the
        // table grows at half full: start at two slots per 128 characters (power of two for masking),
        // so such a file needs no rehash, and let Grow double for anything denser, instead of a
        // multi-megabyte array that lands on the large-object heap and is mostly empty.
        var capacity = 256;
        while (capacity < textLength / 64 && capacity < 1 << 20)
        {
            capacity <<= 1;
        }

        // Large tables come from ScratchArrays (cleared, possibly larger) and go back in Release.
        _entries = RentTable(capacity);
    }

    public const uint InitialHash = 2166136261u;

    public static uint Hash(uint hash, char c) => (hash ^ c) * 16777619u;

    public string Get(string text, int start, int length)
    {
        if (length > MaxLength)
        {
            return text.Substring(start, length);
        }

        var hash = InitialHash;
        for (var i = 0; i < length; i++)
        {
            hash = Hash(hash, text[start + i]);
        }

        return Get(text, start, length, hash);
    }

    /// <summary>Looks up text whose FNV-1a hash the caller computed while scanning it.</summary>
    public string Get(string text, int start, int length, uint hash)
    {
        if (length > MaxLength)
        {
            return text.Substring(start, length);
        }

        var mask = _entries.Length - 1;
        var index = (int)(hash & (uint)mask);
        while (true)
        {
            var entry = _entries[index];
            if (entry is null)
            {
                var created = text.Substring(start, length);
                _entries[index] = created;
                if (++_count * 2 > _entries.Length)
                {
                    Grow();
                }

                return created;
            }

            if (entry.Length == length && EqualsAt(entry, text, start))
            {
                return entry;
            }

            index = (index + 1) & mask;
        }
    }

    private static bool EqualsAt(string entry, string text, int start)
    {
        for (var i = 0; i < entry.Length; i++)
        {
            if (entry[i] != text[start + i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the table's array for later parses; the table must not be used afterwards.</summary>
    public void Release()
    {
        var entries = _entries;
        _entries = new string?[1];
        _count = 0;
        ScratchArrays<string?>.Return(entries, entries.Length);
    }

    // The table masks with Length - 1, so it needs a power-of-two length; string arrays others put
    // in the pool are meant to have one too, but one that has not is left to them.
    private static string?[] RentTable(int capacity)
    {
        var entries = ScratchArrays<string?>.Rent(capacity);
        if ((entries.Length & (entries.Length - 1)) == 0)
        {
            return entries;
        }

        ScratchArrays<string?>.Return(entries, entries.Length);
        return new string?[capacity];
    }

    private void Grow()
    {
        var old = _entries;
        _entries = RentTable(old.Length * 2);
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry is null)
            {
                continue;
            }

            var hash = InitialHash;
            foreach (var c in entry)
            {
                hash = Hash(hash, c);
            }

            var index = (int)(hash & (uint)mask);
            while (_entries[index] is not null)
            {
                index = (index + 1) & mask;
            }

            _entries[index] = entry;
        }

        ScratchArrays<string?>.Return(old, old.Length);
    }
}
