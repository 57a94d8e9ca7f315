// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// An immutable, ordered set of attributes keyed by name (case-sensitive, as in DOT). Custom
/// attributes are kept: handlers and tools read them through <see cref="GetString(string)"/>.
/// </summary>
/// <remarks>
/// The attributes are stored inline as <see cref="AttributeEntry"/> values (see there why); the
/// <see cref="DotAttribute"/> the indexer, <see cref="Get"/>, <see cref="TryGetValue"/> and the
/// enumerator return is a copy made for the caller. <see cref="GetString(string)"/> reads the
/// stored entry and allocates nothing.
/// </remarks>
public sealed class AttributeMap : IReadOnlyList<DotAttribute>
{
    // Attribute blocks are small; a linear scan beats hashing until a dozen or so entries.
    private const int IndexThreshold = 12;

    // The key index of a large map lives beside it, not in it: tens of thousands of small maps
    // would each carry an always-null field for the few that need one.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AttributeMap, Dictionary<string, int>> Indexes = new();

    private readonly AttributeEntry[] _items;

    // Attributes after _items that other maps share: the model stylesheet gives most nodes of a
    // class the same few attributes, which need not be copied into each node. Never holds a
    // deferred value, so nothing writes to it.
    private readonly AttributeEntry[] _tail;

    private AttributeMap(AttributeEntry[] items, AttributeEntry[] tail)
    {
        _items = items;
        _tail = tail;
    }

    /// <summary>Gets the empty map.</summary>
    public static AttributeMap Empty { get; } = new(Array.Empty<AttributeEntry>(), Array.Empty<AttributeEntry>());

    /// <inheritdoc />
    public int Count => _items.Length + _tail.Length;

    /// <inheritdoc />
    public DotAttribute this[int index] => new(EntryAt(index));

    /// <summary>Gets the attributes in order in one array: the map's own when it shares none, else a copy.</summary>
    internal AttributeEntry[] Items => _tail.Length == 0 ? _items : Flatten();

    /// <summary>Gets the attributes of this map alone; <see cref="Tail"/> follows them.</summary>
    internal AttributeEntry[] Own => _items;

    /// <summary>Gets the attributes after <see cref="Own"/> that the map shares with others; must not be changed.</summary>
    internal AttributeEntry[] Tail => _tail;

    /// <summary>Creates a map; when a key repeats, the last value wins and keeps the first one's position.</summary>
    public static AttributeMap Create(IEnumerable<DotAttribute> attributes)
    {
        if (attributes is null)
        {
            throw new ArgumentNullException(nameof(attributes));
        }

        var list = new List<AttributeEntry>();
        foreach (var attribute in attributes)
        {
            if (attribute is null)
            {
                throw new ArgumentException("The attributes contain null.", nameof(attributes));
            }

            var existing = IndexOf(list, attribute.Key);
            if (existing >= 0)
            {
                list[existing] = attribute.Entry;
            }
            else
            {
                list.Add(attribute.Entry);
            }
        }

        return list.Count == 0 ? Empty : FromDistinct(list.ToArray());
    }

    /// <summary>Creates a map from plain key/value strings, e.g. in tests or generated code.</summary>
    public static AttributeMap FromPairs(params (string Key, string Value)[] pairs)
    {
        if (pairs is null)
        {
            throw new ArgumentNullException(nameof(pairs));
        }

        var attributes = new DotAttribute[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            attributes[i] = new DotAttribute(pairs[i].Key, pairs[i].Value);
        }

        return Create(attributes);
    }

    /// <summary>Creates a map that takes ownership of an array known to hold distinct keys.</summary>
    internal static AttributeMap FromDistinct(AttributeEntry[] items) => items.Length == 0 ? Empty : new AttributeMap(items, Array.Empty<AttributeEntry>());

    /// <summary>Creates a map of <paramref name="items"/> followed by <paramref name="tail"/>, a shared array; all keys distinct.</summary>
    internal static AttributeMap FromDistinct(AttributeEntry[] items, AttributeEntry[] tail) =>
        tail.Length == 0 ? FromDistinct(items) : new AttributeMap(items, tail);

    /// <summary>Gets the stored entry at a position of the map.</summary>
    internal ref AttributeEntry EntryAt(int index)
    {
        if (index < _items.Length)
        {
            return ref _items[index];
        }

        return ref _tail[index - _items.Length];
    }

    /// <summary>Returns whether the key is present.</summary>
    public bool ContainsKey(string key) => Find(key) >= 0;

    /// <summary>Looks up an attribute by key.</summary>
    public bool TryGetValue(string key, out DotAttribute attribute)
    {
        var index = Find(key);
        attribute = index >= 0 ? new DotAttribute(EntryAt(index)) : null!;
        return index >= 0;
    }

    /// <summary>Gets an attribute by key, or null.</summary>
    public DotAttribute? Get(string key)
    {
        var index = Find(key);
        return index >= 0 ? new DotAttribute(EntryAt(index)) : null;
    }

    /// <summary>Gets a value by key, or null when absent.</summary>
    public string? GetString(string key)
    {
        var index = Find(key);
        return index >= 0 ? EntryAt(index).Value : null;
    }

    /// <summary>Returns a map with the attribute added or replaced.</summary>
    public AttributeMap SetItem(DotAttribute attribute)
    {
        if (attribute is null)
        {
            throw new ArgumentNullException(nameof(attribute));
        }

        return SetItem(attribute.Entry);
    }

    /// <summary>Looks up the stored form of an attribute without making a <see cref="DotAttribute"/>.</summary>
    internal bool TryGetEntry(string key, out AttributeEntry entry)
    {
        var index = Find(key);
        entry = index >= 0 ? EntryAt(index) : default;
        return index >= 0;
    }

    /// <summary>Gets the index of the key's entry, or -1.</summary>
    internal int IndexOf(string key) => Find(key);

    /// <summary>Gets the index of the key in entries of distinct keys, or -1: a scan, for the few entries of an edge.</summary>
    internal static int IndexOf(AttributeEntry[] items, string key) => IndexOf(items, 0, items.Length, key);

    /// <summary>Gets the index, counted from <paramref name="offset"/>, of the key in a run of entries of distinct keys, or -1.</summary>
    internal static int IndexOf(AttributeEntry[] items, int offset, int length, string key)
    {
        for (var i = 0; i < length; i++)
        {
            if (string.Equals(items[offset + i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Returns a map with the entry added or replaced.</summary>
    internal AttributeMap SetItem(in AttributeEntry attribute)
    {
        var index = Find(attribute.Key);
        AttributeEntry[] items;
        if (index >= 0)
        {
            items = Flatten();
            items[index] = attribute;
        }
        else
        {
            items = new AttributeEntry[Count + 1];
            CopyTo(items);
            items[Count] = attribute;
        }

        return FromDistinct(items);
    }

    /// <summary>Returns a map with the key set to a plain string value.</summary>
    public AttributeMap SetItem(string key, string value, AttributeOrigin origin = AttributeOrigin.Transform) =>
        SetItem(AttributeEntry.Create(key ?? throw new ArgumentNullException(nameof(key)), value ?? throw new ArgumentNullException(nameof(value)), AttributeValueKind.String, origin, default, default));

    /// <summary>Returns a map without the key.</summary>
    public AttributeMap Remove(string key)
    {
        var index = Find(key);
        if (index < 0)
        {
            return this;
        }

        var all = Flatten();
        var items = new AttributeEntry[all.Length - 1];
        Array.Copy(all, items, index);
        Array.Copy(all, index + 1, items, index, all.Length - index - 1);
        return FromDistinct(items);
    }

    /// <inheritdoc />
    public IEnumerator<DotAttribute> GetEnumerator()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            yield return new DotAttribute(_items[i]);
        }

        for (var i = 0; i < _tail.Length; i++)
        {
            yield return new DotAttribute(_tail[i]);
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int IndexOf(List<AttributeEntry> list, string key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int Find(string key)
    {
        if (Count <= IndexThreshold)
        {
            for (var i = 0; i < _items.Length; i++)
            {
                if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            for (var i = 0; i < _tail.Length; i++)
            {
                if (string.Equals(_tail[i].Key, key, StringComparison.Ordinal))
                {
                    return _items.Length + i;
                }
            }

            return -1;
        }

        var index = Indexes.GetValue(this, static map => map.CreateIndex());
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    private Dictionary<string, int> CreateIndex()
    {
        var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            index[EntryAt(i).Key] = i;
        }

        return index;
    }

    private AttributeEntry[] Flatten()
    {
        var items = new AttributeEntry[Count];
        CopyTo(items);
        return items;
    }

    private void CopyTo(AttributeEntry[] destination)
    {
        Array.Copy(_items, destination, _items.Length);
        Array.Copy(_tail, 0, destination, _items.Length, _tail.Length);
    }
}
