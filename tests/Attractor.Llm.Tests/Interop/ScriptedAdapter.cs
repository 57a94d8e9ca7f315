// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Attractor.Llm.Tests.Interop;

/// <summary>An in-memory provider adapter that answers from a script and records every request.</summary>
internal sealed class ScriptedAdapter(string name = "scripted") : IProviderAdapter
{
    private readonly Queue<Func<Request, Response>> completions = new();
    private readonly Queue<Func<Request, IReadOnlyList<StreamEvent>>> streams = new();

    public string Name { get; } = name;

    public List<Request> Requests { get; } = [];

    /// <summary>Gets the ambient activity at each call (spans of outer middleware must be current inside the adapter).</summary>
    public List<System.Diagnostics.Activity?> AmbientActivities { get; } = [];

    /// <summary>Gets or sets an error thrown by the stream after its scripted events (a broken stream).</summary>
    public Exception? StreamFailure { get; set; }

    public ScriptedAdapter Complete(Response response) => Complete(_ => response);

    public ScriptedAdapter Complete(Func<Request, Response> answer)
    {
        completions.Enqueue(answer);
        return this;
    }

    public ScriptedAdapter Fail(Exception error) => Complete(_ => throw error);

    public ScriptedAdapter Stream(params StreamEvent[] events)
    {
        streams.Enqueue(_ => events);
        return this;
    }

    public Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Add(request);
        AmbientActivities.Add(System.Diagnostics.Activity.Current);
        return Task.FromResult(completions.Dequeue()(request));
    }

    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        AmbientActivities.Add(System.Diagnostics.Activity.Current);
        var events = streams.Dequeue()(request);
        foreach (var streamEvent in events)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return streamEvent;
        }

        if (StreamFailure is { } failure)
        {
            throw failure;
        }
    }

    public static Response TextResponse(string text, string model = "model-1", string provider = "scripted") => new()
    {
        Id = "resp_1",
        Model = model,
        Provider = provider,
        Message = Message.Assistant(text),
        FinishReason = new FinishReason(FinishReason.Stop, "end_turn"),
        Usage = new Usage { InputTokens = 11, OutputTokens = 7, TotalTokens = 18 },
    };

    public static Response ToolCallResponse(string id, string tool, string arguments) => new()
    {
        Id = "resp_tool",
        Model = "model-1",
        Provider = "scripted",
        Message = new Message(Role.Assistant, [ContentPart.FromToolCall(new ToolCallData(id, tool, arguments))]),
        FinishReason = new FinishReason(FinishReason.ToolCalls, "tool_use"),
        Usage = new Usage { InputTokens = 20, OutputTokens = 5, TotalTokens = 25 },
    };

    /// <summary>The events a real adapter emits for a text answer, ending with the accumulated response.</summary>
    public static StreamEvent[] TextStream(Response response, params string[] deltas) =>
    [
        new(StreamEventType.StreamStart),
        new(StreamEventType.TextStart) { TextId = "t0" },
        .. deltas.Select(d => new StreamEvent(StreamEventType.TextDelta) { Delta = d, TextId = "t0" }),
        new(StreamEventType.TextEnd) { TextId = "t0" },
        new(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response },
    ];

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
