// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.IO.Compression;

namespace Attractor.Server.Runs;

/// <summary>
/// Consecutive frames of a run's log, Brotli-compressed into one array: the history a run keeps for
/// replay once its frames are no longer the newest. Event JSON repeats its field names and node IDs
/// on every line, so a block is a small fraction of the frames' size; it is expanded only for a
/// subscriber that asks for frames inside it (a reconnect replaying history, or a reader that fell
/// that far behind).
/// </summary>
internal sealed class ArchivedFrames
{
    // Brotli's quality 5 compresses typical event lines about 10:1 in a few milliseconds per block;
    // the higher qualities cost several times that for a few percent.
    private const int Quality = 5;
    private const int Window = 22;
    private const int FrameHeaderLength = sizeof(long) + sizeof(int);

    private readonly byte[] _compressed;
    private readonly int _uncompressedLength;

    private ArchivedFrames(int firstPosition, int count, long lastEventId, byte[] compressed, int uncompressedLength)
    {
        FirstPosition = firstPosition;
        Count = count;
        LastEventId = lastEventId;
        _compressed = compressed;
        _uncompressedLength = uncompressedLength;
    }

    /// <summary>Gets the log position of the first frame.</summary>
    public int FirstPosition { get; }

    /// <summary>Gets how many frames the block holds.</summary>
    public int Count { get; }

    /// <summary>Gets the highest engine event ID in the block (0 when it holds only notices).</summary>
    public long LastEventId { get; }

    /// <summary>Gets the bytes the block keeps.</summary>
    public int CompressedLength => _compressed.Length;

    /// <summary>Compresses the frames, which start at the given log position.</summary>
    public static ArchivedFrames Create(int firstPosition, IReadOnlyList<SseFrame> frames)
    {
        var length = 0;
        long lastEventId = 0;
        foreach (var frame in frames)
        {
            length += FrameHeaderLength + frame.Bytes.Length;
            lastEventId = Math.Max(lastEventId, frame.Id);
        }

        var payload = new byte[length];
        var offset = 0;
        foreach (var frame in frames)
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(offset), frame.Id);
            BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(offset + sizeof(long)), frame.Bytes.Length);
            frame.Bytes.CopyTo(payload, offset + FrameHeaderLength);
            offset += FrameHeaderLength + frame.Bytes.Length;
        }

        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(length)];
        if (!BrotliEncoder.TryCompress(payload, compressed, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress " + length + " bytes into its own maximum compressed length.");
        }

        return new ArchivedFrames(firstPosition, frames.Count, lastEventId, compressed.AsSpan(0, written).ToArray(), length);
    }

    /// <summary>Expands the block's frames from the given log position on.</summary>
    public SseFrame[] ReadFrom(int position)
    {
        var payload = new byte[_uncompressedLength];
        if (!BrotliDecoder.TryDecompress(_compressed, payload, out var written) || written != _uncompressedLength)
        {
            throw new InvalidOperationException("An archived block of a run's events does not expand to the " + _uncompressedLength + " bytes it was made from.");
        }

        var skip = position - FirstPosition;
        var frames = new SseFrame[Count - skip];
        var offset = 0;
        for (var i = 0; i < Count; i++)
        {
            var id = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(offset));
            var frameLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(offset + sizeof(long)));
            if (i >= skip)
            {
                frames[i - skip] = SseFrame.FromEncoded(id, payload.AsSpan(offset + FrameHeaderLength, frameLength).ToArray());
            }

            offset += FrameHeaderLength + frameLength;
        }

        return frames;
    }
}
