// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Runs;

/// <summary>
/// A run's frames in order, shared by every subscriber: a subscriber keeps only its position, so a hundred
/// watchers of one run cost a hundred positions, not a hundred queues. Appends wake waiting readers.
/// Only the newest frames stay as sent; older ones, and all of a run's frames once it stops, are kept
/// compressed (<see cref="ArchivedFrames"/>), so a server that knows many finished runs holds a fraction
/// of their histories' size. Callers hold the run's lock while appending and sealing; reads take it themselves.
/// </summary>
internal sealed class RunEventLog
{
    /// <summary>How many frames stay uncompressed before the oldest of them are archived as one block.</summary>
    internal const int BlockSize = 512;

    private readonly Lock _gate;
    private readonly List<ArchivedFrames> _archived = [];
    private readonly List<SseFrame> _recent = [];
    private int _archivedCount;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunEventLog(Lock gate) => _gate = gate;

    /// <summary>Gets the ID of the last engine event.</summary>
    public long LastEventId { get; private set; }

    /// <summary>Gets how many frames the log holds (the position after the last one).</summary>
    public int Count => _archivedCount + _recent.Count;

    /// <summary>Gets the bytes the log keeps for its frames: the compressed blocks and the recent frames as sent.</summary>
    internal long RetainedBytes => _archived.Sum(static block => (long)block.CompressedLength) + _recent.Sum(static frame => (long)frame.Bytes.Length);

    /// <summary>Appends an engine event (under the run's lock).</summary>
    public void AppendEvent(string json)
    {
        LastEventId++;
        Append(SseFrame.ForEvent(LastEventId, json));
    }

    /// <summary>Appends a notice (under the run's lock).</summary>
    public void AppendNotice(string eventName, string json) => Append(SseFrame.ForNotice(eventName, json));

    /// <summary>Compresses the recent frames: the run stopped, and its history is now read only on reconnects (under the run's lock).</summary>
    public void Seal()
    {
        if (_recent.Count > 0)
        {
            Archive();
        }
    }

    /// <summary>Gets the engine events after <paramref name="afterId"/> and the position after the last frame (under the run's lock).</summary>
    public (List<SseFrame> Replay, int Position) Replay(long afterId)
    {
        var replay = new List<SseFrame>();
        foreach (var block in _archived)
        {
            if (block.LastEventId > afterId)
            {
                AddEventsAfter(afterId, block.ReadFrom(block.FirstPosition), replay);
            }
        }

        AddEventsAfter(afterId, _recent, replay);
        return (replay, Count);
    }

    /// <summary>Gets frames from a position on (at most one archived block's worth) and a task that completes on the next append.</summary>
    public (SseFrame[] Frames, Task Changed) ReadFrom(int position)
    {
        lock (_gate)
        {
            if (position < _archivedCount)
            {
                return (BlockAt(position).ReadFrom(position), _changed.Task);
            }

            var recent = position - _archivedCount;
            var frames = recent < _recent.Count ? _recent.GetRange(recent, _recent.Count - recent).ToArray() : [];
            return (frames, _changed.Task);
        }
    }

    private static void AddEventsAfter(long afterId, IEnumerable<SseFrame> frames, List<SseFrame> replay)
    {
        foreach (var frame in frames)
        {
            if (frame.Id > afterId)
            {
                replay.Add(frame);
            }
        }
    }

    private ArchivedFrames BlockAt(int position)
    {
        // Blocks are full (BlockSize frames) except those sealed early, so search rather than divide.
        int low = 0, high = _archived.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (_archived[middle].FirstPosition <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return _archived[low];
    }

    private void Append(SseFrame frame)
    {
        _recent.Add(frame);
        if (_recent.Count >= BlockSize)
        {
            Archive();
        }

        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private void Archive()
    {
        _archived.Add(ArchivedFrames.Create(_archivedCount, _recent));
        _archivedCount += _recent.Count;
        _recent.Clear();
    }
}
