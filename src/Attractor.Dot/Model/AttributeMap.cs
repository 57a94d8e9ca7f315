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

    private AttributeMap(AttributeEntry[] items) => _items = items;

    /// <summary>Gets the empty map.</summary>
    public static AttributeMap Empty { get; } = new(Array.Empty<AttributeEntry>());

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public DotAttribute this[int index] => new(_items[index]);

    /// <summary>Gets the attributes in order; the array is the map's own and must not be changed except by reading a deferred value.</summary>
    internal AttributeEntry[] Items => _items;

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

        return list.Count == 0 ? Empty : new AttributeMap(list.ToArray());
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
    internal static AttributeMap FromDistinct(AttributeEntry[] items) => items.Length == 0 ? Empty : new AttributeMap(items);

    /// <summary>Returns whether the key is present.</summary>
    public bool ContainsKey(string key) => Find(key) >= 0;

    /// <summary>Looks up an attribute by key.</summary>
    public bool TryGetValue(string key, out DotAttribute attribute)
    {
        var index = Find(key);
        attribute = index >= 0 ? new DotAttribute(_items[index]) : null!;
        return index >= 0;
    }

    /// <summary>Gets an attribute by key, or null.</summary>
    public DotAttribute? Get(string key)
    {
        var index = Find(key);
        return index >= 0 ? new DotAttribute(_items[index]) : null;
    }

    /// <summary>Gets a value by key, or null when absent.</summary>
    public string? GetString(string key)
    {
        var index = Find(key);
        return index >= 0 ? _items[index].Value : null;
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
        entry = index >= 0 ? _items[index] : default;
        return index >= 0;
    }

    /// <summary>Gets the index of the key's entry, or -1.</summary>
    internal int IndexOf(string key) => Find(key);

    /// <summary>Returns a map with the entry added or replaced.</summary>
    internal AttributeMap SetItem(in AttributeEntry attribute)
    {
        var index = Find(attribute.Key);
        AttributeEntry[] items;
        if (index >= 0)
        {
            items = (AttributeEntry[])_items.Clone();
            items[index] = attribute;
        }
        else
        {
            items = new AttributeEntry[_items.Length + 1];
            Array.Copy(_items, items, _items.Length);
            items[_items.Length] = attribute;
        }

        return new AttributeMap(items);
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

        var items = new AttributeEntry[_items.Length - 1];
        Array.Copy(_items, items, index);
        Array.Copy(_items, index + 1, items, index, _items.Length - index - 1);
        return FromDistinct(items);
    }

    /// <inheritdoc />
    public IEnumerator<DotAttribute> GetEnumerator()
    {
        for (var i = 0; i < _items.Length; i++)
        {
            yield return new DotAttribute(_items[i]);
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
        if (_items.Length <= IndexThreshold)
        {
            for (var i = 0; i < _items.Length; i++)
            {
                if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = Indexes.GetValue(this, static map => map.CreateIndex());
        return index.TryGetValue(key, out var found) ? found : -1;
    }

    private Dictionary<string, int> CreateIndex()
    {
        var index = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
        for (var i = 0; i < _items.Length; i++)
        {
            index[_items[i].Key] = i;
        }

        return index;
    }
}
