// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.FakeProvider;

/// <summary>A scripted answer of the fake server.</summary>
public sealed record FakeResponse
{
    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Gets the content type.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Gets the body of a non-streaming response.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets a pre-encoded body written in one piece instead of <see cref="Body"/> (large recorded streams, benchmarks).</summary>
    public ReadOnlyMemory<byte>? RawBody { get; init; }

    /// <summary>Gets the events of a streaming response (null for a plain body).</summary>
    public IReadOnlyList<SseEvent>? Events { get; init; }

    /// <summary>Gets extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets how long to wait before sending anything (a slow first byte).</summary>
    public TimeSpan FirstByteDelay { get; init; }

    /// <summary>Gets the pause between two events.</summary>
    public TimeSpan DelayBetweenEvents { get; init; }

    /// <summary>Gets after how many events the connection is reset (no proper end of the response); null sends all. Set <see cref="EndAfterEvents"/> instead for a clean end without the remaining events.</summary>
    public int? CutAfterEvents { get; init; }

    /// <summary>Gets after how many events the response ends normally, dropping the rest (e.g. the terminal event); null sends all.</summary>
    public int? EndAfterEvents { get; init; }

    /// <summary>Gets whether the connection is reset before any response is sent.</summary>
    public bool ResetConnection { get; init; }

    /// <summary>Creates a JSON response.</summary>
    /// <param name="body">The JSON text.</param>
    /// <param name="status">The status.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Json(string body, int status = 200) => new() { Status = status, Body = body };

    /// <summary>Creates an error response with a JSON body and an optional <c>Retry-After</c> header.</summary>
    /// <param name="status">The status.</param>
    /// <param name="body">The provider's error JSON.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> value, if any.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Error(int status, string body, string? retryAfter = null) => new()
    {
        Status = status,
        Body = body,
        Headers = retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter },
    };

    /// <summary>Creates a Server-Sent Events response.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Sse(IReadOnlyList<SseEvent> events) => new() { ContentType = "text/event-stream", Events = events };

    /// <summary>Creates a Server-Sent Events response from a recorded transcript (fixture file text).</summary>
    /// <param name="transcript">The transcript.</param>
    /// <returns>The response.</returns>
    public static FakeResponse SseTranscript(string transcript) => Sse(SseEvent.ParseTranscript(transcript));

    /// <summary>Creates a response that resets the connection.</summary>
    /// <returns>The response.</returns>
    public static FakeResponse Reset() => new() { ResetConnection = true };
}
