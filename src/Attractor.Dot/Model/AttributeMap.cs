// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// An immutable, ordered set of attributes keyed by name (case-sensitive, as in DOT). Custom
/// attributes are kept: handlers and tools read them through <see cref="GetString(string)"/>.
/// </summary>
public sealed class AttributeMap : IReadOnlyList<DotAttribute>
{
    // Attribute blocks are small; a linear scan beats hashing until a dozen or so entries.
    private const int IndexThreshold = 12;

    private readonly DotAttribute[] _items;
    private Dictionary<string, int>? _index;

    private AttributeMap(DotAttribute[] items) => _items = items;

    /// <summary>Gets the empty map.</summary>
    public static AttributeMap Empty { get; } = new(Array.Empty<DotAttribute>());

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public DotAttribute this[int index] => _items[index];

    /// <summary>Gets the attributes in order; the array is the map's own and must not be changed.</summary>
    internal DotAttribute[] Items => _items;

    /// <summary>Creates a map; when a key repeats, the last value wins and keeps the first one's position.</summary>
    public static AttributeMap Create(IEnumerable<DotAttribute> attributes)
    {
        if (attributes is null)
        {
            throw new ArgumentNullException(nameof(attributes));
        }

        var list = new List<DotAttribute>();
        foreach (var attribute in attributes)
        {
            var existing = IndexOf(list, attribute.Key);
            if (existing >= 0)
            {
                list[existing] = attribute;
            }
            else
            {
                list.Add(attribute);
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
    internal static AttributeMap FromDistinct(DotAttribute[] items) => items.Length == 0 ? Empty : new AttributeMap(items);

    /// <summary>Returns whether the key is present.</summary>
    public bool ContainsKey(string key) => Find(key) >= 0;

    /// <summary>Looks up an attribute by key.</summary>
    public bool TryGetValue(string key, out DotAttribute attribute)
    {
        var index = Find(key);
        attribute = index >= 0 ? _items[index] : null!;
        return index >= 0;
    }

    /// <summary>Gets an attribute by key, or null.</summary>
    public DotAttribute? Get(string key)
    {
        var index = Find(key);
        return index >= 0 ? _items[index] : null;
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

        var index = Find(attribute.Key);
        DotAttribute[] items;
        if (index >= 0)
        {
            items = (DotAttribute[])_items.Clone();
            items[index] = attribute;
        }
        else
        {
            items = new DotAttribute[_items.Length + 1];
            Array.Copy(_items, items, _items.Length);
            items[_items.Length] = attribute;
        }

        return new AttributeMap(items);
    }

    /// <summary>Returns a map with the key set to a plain string value.</summary>
    public AttributeMap SetItem(string key, string value, AttributeOrigin origin = AttributeOrigin.Transform) =>
        SetItem(new DotAttribute(key, value, AttributeValueKind.String, origin));

    /// <summary>Returns a map without the key.</summary>
    public AttributeMap Remove(string key)
    {
        var index = Find(key);
        if (index < 0)
        {
            return this;
        }

        var items = new DotAttribute[_items.Length - 1];
        Array.Copy(_items, items, index);
        Array.Copy(_items, index + 1, items, index, _items.Length - index - 1);
        return FromDistinct(items);
    }

    /// <inheritdoc />
    public IEnumerator<DotAttribute> GetEnumerator() => ((IEnumerable<DotAttribute>)_items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    private static int IndexOf(List<DotAttribute> list, string key)
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

        var index = _index;
        if (index is null)
        {
            index = new Dictionary<string, int>(_items.Length, StringComparer.Ordinal);
            for (var i = 0; i < _items.Length; i++)
            {
                index[_items[i].Key] = i;
            }

            _index = index;
        }

        return index.TryGetValue(key, out var found) ? found : -1;
    }
}
