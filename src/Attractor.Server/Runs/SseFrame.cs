// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Server.Runs;

/// <summary>
/// One server-sent event, encoded once and written to every subscriber. Engine events carry an <c>id</c> (their
/// 1-based line in <c>events.jsonl</c>, stable across server restarts) and are replayed; notices (status, node
/// states, questions) carry none and are re-sent as a snapshot on every connect instead.
/// </summary>
internal sealed class SseFrame
{
    private SseFrame(long id, byte[] bytes)
    {
        Id = id;
        Bytes = bytes;
    }

    /// <summary>Gets the engine event's ID, or 0 for a notice.</summary>
    public long Id { get; }

    /// <summary>Gets the frame as sent: UTF-8, ending with the blank line.</summary>
    public byte[] Bytes { get; }

    public static SseFrame ForEvent(long id, string json) =>
        new(id, Encoding.UTF8.GetBytes("id: " + id.ToString(CultureInfo.InvariantCulture) + "\ndata: " + OneLine(json) + "\n\n"));

    public static SseFrame ForNotice(string eventName, string json) =>
        new(0, Encoding.UTF8.GetBytes("event: " + eventName + "\ndata: " + OneLine(json) + "\n\n"));

    /// <summary>Rebuilds a frame from what <see cref="ForEvent"/> or <see cref="ForNotice"/> encoded.</summary>
    public static SseFrame FromEncoded(long id, byte[] bytes) => new(id, bytes);

    // JSON from the serializer is one line already; a line from a damaged log must not break the framing.
    private static string OneLine(string json) =>
        json.Contains('\n', StringComparison.Ordinal) || json.Contains('\r', StringComparison.Ordinal)
            ? json.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "\ndata: ", StringComparison.Ordinal)
            : json;
}
