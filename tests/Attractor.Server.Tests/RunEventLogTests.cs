// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Server.Runs;

namespace Attractor.Server.Tests;

/// <summary>
/// A run's log compresses all but its newest frames, and everything once the run stops; replay and
/// reading from any position must give exactly the frames appended, in order, wherever they are kept.
/// </summary>
public sealed class RunEventLogTests
{
    // The run's lock: the server appends and seals under it, and ReadFrom takes it.
    private readonly Lock _gate = new();

    [Theory]
    [InlineData(1)]
    [InlineData(RunEventLog.BlockSize - 1)]
    [InlineData(RunEventLog.BlockSize)]
    [InlineData((3 * RunEventLog.BlockSize) + 17)]
    public void Reading_from_any_position_gives_the_frames_appended_there(int frameCount)
    {
        var (log, expected) = Filled(frameCount);

        foreach (var start in new[] { 0, 1, frameCount / 2, RunEventLog.BlockSize - 1, RunEventLog.BlockSize, frameCount - 1, frameCount })
        {
            if (start <= frameCount)
            {
                Assert.Equal(expected.Skip(start), ReadAll(log, start));
            }
        }
    }

    [Fact]
    public void Replay_gives_the_engine_events_after_an_id_and_the_position_after_the_last_frame()
    {
        var (log, expected) = Filled((2 * RunEventLog.BlockSize) + 40);
        var events = expected.Where(static f => f.StartsWith("id: ", StringComparison.Ordinal)).ToList();

        foreach (var after in new long[] { 0, 1, 300, log.LastEventId - 1, log.LastEventId })
        {
            var (replay, position) = log.Replay(after);

            Assert.Equal(events.Skip((int)after), replay.Select(static f => Encoding.UTF8.GetString(f.Bytes)));
            Assert.All(replay, frame => Assert.True(frame.Id > after));
            Assert.Equal(expected.Count, position);
        }
    }

    [Fact]
    public void Sealing_keeps_every_frame_and_appends_after_it_continue_the_positions_and_ids()
    {
        var (log, expected) = Filled(100);
        lock (_gate)
        {
            log.Seal();
        }

        Assert.Equal(expected, ReadAll(log, 0));

        // A resumed run appends after the sealed block.
        lock (_gate)
        {
            log.AppendEvent("{\"kind\":\"resumed\"}");
            log.AppendNotice("status", "{\"status\":\"running\"}");
            log.Seal();
            log.Seal();
        }

        var all = ReadAll(log, 0);
        Assert.Equal(expected, all.Take(100));
        Assert.Equal($"id: {log.LastEventId}\ndata: {{\"kind\":\"resumed\"}}\n\n", all[100]);
        Assert.Equal("event: status\ndata: {\"status\":\"running\"}\n\n", all[101]);
        Assert.Equal(102, log.Count);
        Assert.Equal(expected.Skip(99), ReadAll(log, 99).Take(1));
    }

    [Fact]
    public void A_sealed_history_keeps_a_fraction_of_its_size()
    {
        var (log, expected) = Filled(1000);
        var sent = expected.Sum(static frame => (long)Encoding.UTF8.GetByteCount(frame));
        lock (_gate)
        {
            log.Seal();
        }

        // Event lines repeat their field names and node IDs; a tenth of the size is kept in practice.
        Assert.True(log.RetainedBytes * 4 < sent, $"{log.RetainedBytes} bytes kept for {sent} bytes of frames");
    }

    [Fact]
    public async Task A_reader_waiting_at_the_end_is_woken_by_the_append_that_archives_a_block()
    {
        var (log, expected) = Filled(RunEventLog.BlockSize - 1);
        var (frames, changed) = log.ReadFrom(expected.Count);
        Assert.Empty(frames);
        Assert.False(changed.IsCompleted);

        lock (_gate)
        {
            log.AppendEvent("{\"kind\":\"last of the block\"}");
        }

        await changed.WaitAsync(TimeSpan.FromSeconds(10));
        var (next, _) = log.ReadFrom(expected.Count);
        Assert.Equal($"id: {log.LastEventId}\ndata: {{\"kind\":\"last of the block\"}}\n\n", Encoding.UTF8.GetString(Assert.Single(next).Bytes));
    }

    private (RunEventLog Log, List<string> Expected) Filled(int frameCount)
    {
        var log = new RunEventLog(_gate);
        var expected = new List<string>();
        var id = 0;
        lock (_gate)
        {
            for (var i = 0; i < frameCount; i++)
            {
                if (i % 5 == 4)
                {
                    var notice = "{\"node\":\"stage_" + i + "\",\"state\":\"running\"}";
                    log.AppendNotice("node", notice);
                    expected.Add("event: node\ndata: " + notice + "\n\n");
                }
                else
                {
                    var json = "{\"kind\":\"stage_completed\",\"node_id\":\"stage_" + i + "\",\"outcome\":\"success\",\"timestamp\":\"2026-12-01T20:00:" + (i % 60).ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "Z\"}";
                    log.AppendEvent(json);
                    expected.Add("id: " + ++id + "\ndata: " + json + "\n\n");
                }
            }
        }

        return (log, expected);
    }

    private static List<string> ReadAll(RunEventLog log, int position)
    {
        var frames = new List<string>();
        while (true)
        {
            var (next, _) = log.ReadFrom(position);
            if (next.Length == 0)
            {
                return frames;
            }

            frames.AddRange(next.Select(static f => Encoding.UTF8.GetString(f.Bytes)));
            position += next.Length;
        }
    }
}
