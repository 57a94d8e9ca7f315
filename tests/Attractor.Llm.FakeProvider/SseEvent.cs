// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Llm.FakeProvider;

/// <summary>One Server-Sent Event as a provider sends it.</summary>
/// <param name="Event">The <c>event:</c> field, or null for data-only events (Gemini, Chat Completions).</param>
/// <param name="Data">The <c>data:</c> payload (one line per data line when it contains newlines).</param>
public sealed record SseEvent(string? Event, string Data)
{
    /// <summary>Gets the event in wire format, ending with the blank line.</summary>
    /// <returns>The text.</returns>
    public string ToWire()
    {
        var builder = new StringBuilder();
        if (Event is not null)
        {
            builder.Append("event: ").Append(Event).Append('\n');
        }

        foreach (var line in Data.Split('\n'))
        {
            builder.Append("data: ").Append(line).Append('\n');
        }

        return builder.Append('\n').ToString();
    }

    /// <summary>Parses a recorded SSE transcript (fixture file text) into events, keeping their order.</summary>
    /// <param name="text">The transcript.</param>
    /// <returns>The events.</returns>
    public static IReadOnlyList<SseEvent> ParseTranscript(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var events = new List<SseEvent>();
        string? name = null;
        var data = new List<string>();
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (rawLine.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new SseEvent(name, string.Join('\n', data)));
                }

                name = null;
                data.Clear();
            }
            else if (rawLine.StartsWith("event:", StringComparison.Ordinal))
            {
                name = rawLine[6..].TrimStart();
            }
            else if (rawLine.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(rawLine[5..].StartsWith(' ') ? rawLine[6..] : rawLine[5..]);
            }
        }

        if (data.Count > 0)
        {
            events.Add(new SseEvent(name, string.Join('\n', data)));
        }

        return events;
    }
}
