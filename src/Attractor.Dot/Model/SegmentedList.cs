// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// The node and edge lists of a large graph: a list in segments of 8,192 items (64 KB of
/// references) instead of one array. One array of a 20,000-node graph's nodes or edges is 160–320 KB
/// and lands on the large-object heap, where each allocation brings the next full collection
/// closer; segments stay on the ordinary heap. Lists of up to one segment are handed out as plain
/// arrays (<see cref="ToReadOnly"/>), so small graphs are unchanged.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class SegmentedList<T> : IReadOnlyList<T>
{
    private const int SegmentShift = 13;
    private const int SegmentSize = 1 << SegmentShift;
    private const int SegmentMask = SegmentSize - 1;
    private const int FirstSegmentMinimum = 16;

    private T[][] _segments;
    private int _count;

    /// <summary>Initializes a new, empty instance of the <see cref="SegmentedList{T}"/> class for <see cref="Add"/>.</summary>
    /// <param name="expectedCount">How many items are expected; sizes the first segment (up to a full one).</param>
    public SegmentedList(int expectedCount)
    {
        _segments = new T[Math.Max(1, (expectedCount >> SegmentShift) + 1)][];
        _segments[0] = new T[Math.Min(SegmentSize, Math.Max(FirstSegmentMinimum, expectedCount))];
    }

    private SegmentedList(T[][] segments, int count)
    {
        _segments = segments;
        _count = count;
    }

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _segments[index >> SegmentShift][index & SegmentMask];
        }
    }

    /// <summary>Creates a list of <paramref name="count"/> default items, each segment exactly as long as needed, to fill with <see cref="Set"/>.</summary>
    public static SegmentedList<T> WithCount(int count)
    {
        var segmentCount = (count + SegmentMask) >> SegmentShift;
        var segments = new T[Math.Max(1, segmentCount)][];
        if (segmentCount == 0)
        {
            segments[0] = Array.Empty<T>();
        }

        for (var s = 0; s < segmentCount; s++)
        {
            segments[s] = new T[Math.Min(SegmentSize, count - (s << SegmentShift))];
        }

        return new SegmentedList<T>(segments, count);
    }

    /// <summary>Copies a list into a new one of the same count, to change some items with <see cref="Set"/>.</summary>
    public static SegmentedList<T> CopyOf(IReadOnlyList<T> items)
    {
        var copy = WithCount(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            copy._segments[i >> SegmentShift][i & SegmentMask] = items[i];
        }

        return copy;
    }

    /// <summary>Replaces the item at <paramref name="index"/>.</summary>
    public void Set(int index, T item)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        _segments[index >> SegmentShift][index & SegmentMask] = item;
    }

    /// <summary>Appends an item.</summary>
    public void Add(T item)
    {
        var segment = _count >> SegmentShift;
        var slot = _count & SegmentMask;
        if (segment == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        var items = _segments[segment];
        if (items is null)
        {
            items = _segments[segment] = new T[SegmentSize];
        }
        else if (slot == items.Length)
        {
            // Only the first segment starts short (small graphs); it grows up to a full segment.
            Array.Resize(ref items, Math.Min(SegmentSize, items.Length * 2));
            _segments[segment] = items;
        }

        items[slot] = item;
        _count++;
    }

    /// <summary>
    /// Returns the items as the graph keeps them: an exact array when they fit one segment,
    /// otherwise this list with its last segment trimmed. The list must not change afterwards.
    /// </summary>
    public IReadOnlyList<T> ToReadOnly()
    {
        if (_count <= SegmentSize)
        {
            var first = _segments[0];
            if (first.Length != _count)
            {
                Array.Resize(ref first, _count);
            }

            return first;
        }

        var last = (_count - 1) >> SegmentShift;
        var lastLength = _count - (last << SegmentShift);
        if (_segments[last].Length != lastLength)
        {
            Array.Resize(ref _segments[last], lastLength);
        }

        if (_segments.Length != last + 1)
        {
            Array.Resize(ref _segments, last + 1);
        }

        return this;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _segments[i >> SegmentShift][i & SegmentMask];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
