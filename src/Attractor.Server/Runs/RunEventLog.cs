// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Runs;

/// <summary>
/// A run's frames in order, shared by every subscriber: a subscriber keeps only its position, so a hundred
/// watchers of one run cost a hundred positions, not a hundred queues. Appends wake waiting readers.
/// Callers hold the run's lock while appending; reads take it themselves.
/// </summary>
internal sealed class RunEventLog
{
    private readonly Lock _gate;
    private readonly List<SseFrame> _frames = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunEventLog(Lock gate) => _gate = gate;

    /// <summary>Gets the ID of the last engine event.</summary>
    public long LastEventId { get; private set; }

    /// <summary>Appends an engine event (under the run's lock).</summary>
    public void AppendEvent(string json)
    {
        LastEventId++;
        Append(SseFrame.ForEvent(LastEventId, json));
    }

    /// <summary>Appends a notice (under the run's lock).</summary>
    public void AppendNotice(string eventName, string json) => Append(SseFrame.ForNotice(eventName, json));

    /// <summary>Gets the engine events after <paramref name="afterId"/> and the position where live reading starts (under the run's lock).</summary>
    public (List<SseFrame> Replay, int Position) Replay(long afterId)
    {
        var replay = new List<SseFrame>();
        foreach (var frame in _frames)
        {
            if (frame.Id > afterId)
            {
                replay.Add(frame);
            }
        }

        return (replay, _frames.Count);
    }

    /// <summary>Gets the engine events' data in order (under the run's lock).</summary>
    public List<string> EventJson() => [.. _frames.Where(static f => f.Id > 0).Select(static f => f.Json)];

    /// <summary>Gets the frames from <paramref name="position"/> on, and a task that completes at the next append.</summary>
    public (SseFrame[] Frames, Task Changed) ReadFrom(int position)
    {
        lock (_gate)
        {
            var frames = position < _frames.Count ? _frames.GetRange(position, _frames.Count - position).ToArray() : [];
            return (frames, _changed.Task);
        }
    }

    private void Append(SseFrame frame)
    {
        _frames.Add(frame);
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
