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
    private SseFrame(long id, string eventName, string json, byte[] bytes)
    {
        Id = id;
        EventName = eventName;
        Json = json;
        Bytes = bytes;
    }

    /// <summary>Gets the event ID, or 0 for a notice.</summary>
    public long Id { get; }

    /// <summary>Gets the SSE event name (<c>message</c> for engine events).</summary>
    public string EventName { get; }

    /// <summary>Gets the data.</summary>
    public string Json { get; }

    /// <summary>Gets the encoded frame.</summary>
    public byte[] Bytes { get; }

    public static SseFrame ForEvent(long id, string json)
    {
        var text = "id: " + id.ToString(CultureInfo.InvariantCulture) + "\ndata: " + OneLine(json) + "\n\n";
        return new SseFrame(id, "message", json, Encoding.UTF8.GetBytes(text));
    }

    public static SseFrame ForNotice(string eventName, string json)
    {
        var text = "event: " + eventName + "\ndata: " + OneLine(json) + "\n\n";
        return new SseFrame(0, eventName, json, Encoding.UTF8.GetBytes(text));
    }

    // JSON from the serializer is one line already; a line from a damaged log must not break the framing.
    private static string OneLine(string json) =>
        json.Contains('\n', StringComparison.Ordinal) || json.Contains('\r', StringComparison.Ordinal)
            ? json.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "\ndata: ", StringComparison.Ordinal)
            : json;
}
