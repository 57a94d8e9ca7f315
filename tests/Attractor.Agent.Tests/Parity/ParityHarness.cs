// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.Json;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests.Parity;

/// <summary>
/// One parity cell's world: a fake server speaking the provider's wire, the real adapter, the provider's profile and
/// a session created from it in a real temp directory. The scripted model turns are answered in JSON or SSE, as
/// each request asks.
/// </summary>
internal sealed class ParityHarness : IAsyncDisposable
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _temp = new();
    private readonly ConcurrentQueue<Func<bool, FakeResponse>> _script = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<bool, FakeResponse>>> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<bool> _streamed = new();
    private readonly List<SessionEvent> _events = [];
    private readonly Lock _eventsGate = new();
    private Task _collecting = Task.CompletedTask;

    private ParityHarness(AgentWire wire, FakeProviderServer server, bool streaming)
    {
        ExpectsStreaming = streaming;
        Wire = wire;
        Server = server;
        Client = new LlmClient([wire.CreateAdapter(server)], wire.Name, [Recorder]);
        Environment = new LocalExecutionEnvironment(_temp.Path);
        Profile = wire.CreateProfile();
        server.Responder = Answer;
    }

    public AgentWire Wire { get; }

    /// <summary>Gets whether the session is configured to stream (the default).</summary>
    public bool ExpectsStreaming { get; }

    public FakeProviderServer Server { get; }

    public RequestRecorder Recorder { get; } = new();

    public LlmClient Client { get; }

    public LocalExecutionEnvironment Environment { get; }

    public ProviderProfile Profile { get; }

    public Session Session { get; private set; } = null!;

    public string Root => _temp.Path;

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    /// <summary>Gets, per answered request, whether it was answered as a stream.</summary>
    public IReadOnlyList<bool> Streamed => [.. _streamed];

    public IReadOnlyList<SessionEvent> Events
    {
        get
        {
            lock (_eventsGate)
            {
                return [.. _events];
            }
        }
    }

    public static async Task<ParityHarness> StartAsync(string provider, SessionConfig? config = null)
    {
        var harness = new ParityHarness(AgentWire.For(provider), await FakeProviderServer.StartAsync(), config?.Streaming ?? true);
        harness.Session = await harness.Profile.CreateSessionAsync(harness.Client, harness.Environment, null, config);
        harness._collecting = Task.Run(async () =>
        {
            await foreach (var item in harness.Session.Events)
            {
                lock (harness._eventsGate)
                {
                    harness._events.Add(item);
                }
            }
        });
        return harness;
    }

    /// <summary>Queues what the model answers to the next requests, in order.</summary>
    public void Script(params ModelTurn[] turns)
    {
        foreach (var turn in turns)
        {
            _script.Enqueue(streaming => Render(turn, streaming));
        }
    }

    /// <summary>Queues a raw answer (an error, a broken stream) for the next request of the main conversation.</summary>
    public void ScriptResponse(FakeResponse response) => _script.Enqueue(_ => response);

    /// <summary>Queues the answers for another conversation on the same server (a subagent's), told apart by its first user text.</summary>
    public void ScriptConversation(string firstUserText, params ModelTurn[] turns)
    {
        var queue = _conversations.GetOrAdd(firstUserText, _ => new ConcurrentQueue<Func<bool, FakeResponse>>());
        foreach (var turn in turns)
        {
            queue.Enqueue(streaming => Render(turn, streaming));
        }
    }

    /// <summary>Gets the bodies of the requests of one conversation, in order.</summary>
    public IReadOnlyList<JsonElement> Conversation(string firstUserText) =>
        [.. Requests.Select(r => r.Json).Where(body => FirstUserText(body) == firstUserText)];

    public string PathOf(string relative) => Path.Combine(_temp.Path, relative);

    public string Write(string relative, string content) => _temp.Write(relative, content);

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public JsonElement Body(int index) => Requests[index].Json;

    /// <summary>Gets the tool results request <paramref name="index"/> adds to the conversation, checked against the calls they answer.</summary>
    public IReadOnlyList<WireToolResult> ResultsSentIn(int index, params ModelCall[] calls) =>
        ResultsSentIn([.. Requests.Select(r => r.Json)], index, calls);

    /// <summary>Gets the tool results request <paramref name="index"/> of a conversation adds, checked against the calls they answer.</summary>
    public IReadOnlyList<WireToolResult> ResultsSentIn(IReadOnlyList<JsonElement> conversation, int index, params ModelCall[] calls)
    {
        var before = index == 0 ? 0 : Wire.ToolResults(conversation[index - 1]).Count;
        var results = Wire.ToolResults(conversation[index]).Skip(before).ToList();
        Assert.Equal(calls.Select(Wire.ResultKey), results.Select(r => r.Key));
        return results;
    }

    /// <summary>Waits until the session emitted a matching event (a deadlock guard, not a timing assertion).</summary>
    public async Task<SessionEvent> WaitForEventAsync(Func<SessionEvent, bool> predicate)
    {
        var deadline = DateTime.UtcNow + EventWait;
        while (DateTime.UtcNow < deadline)
        {
            if (Events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching event; seen: " + string.Join(", ", Events.Select(e => e.Kind)));
    }

    /// <summary>Closes the session and returns all its events, checking what every cell must hold.</summary>
    public async Task<IReadOnlyList<SessionEvent>> CloseAsync()
    {
        await Session.DisposeAsync();
        await _collecting.WaitAsync(EventWait);
        var events = Events;
        Assert.Equal(SessionEventKind.SessionStart, events[0].Kind);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.All(events, e => Assert.DoesNotContain(AgentWire.Key, string.Join('\n', e.Data.Values), StringComparison.Ordinal));
        Assert.All(Requests, r => Assert.DoesNotContain(AgentWire.Key, r.Body, StringComparison.Ordinal));
        Assert.All(Streamed, streamed => Assert.Equal(ExpectsStreaming, streamed));
        AssertTextEventsAddUp(events);
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (Session is not null && Session.State != SessionState.Closed)
        {
            await Session.DisposeAsync();
        }

        await _collecting.WaitAsync(EventWait);
        Client.Dispose();
        await Server.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Gets what the session sent on one stream of a tool call (shell output while the command ran).</summary>
    public static string OutputDeltas(IEnumerable<SessionEvent> events, string callId, string stream) => string.Concat(
        events.Where(e => e.Kind == SessionEventKind.ToolCallOutputDelta && e.GetString("call_id") == callId && e.GetString("stream") == stream).Select(e => e.GetString("delta")));

    // Between START and END of each model call, the deltas spell the text END reports; streamed text arrives in the
    // wire's three chunks, single-shot text as one delta. Subagents' events interleave: each session is checked alone.
    private void AssertTextEventsAddUp(IReadOnlyList<SessionEvent> events)
    {
        var open = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case SessionEventKind.AssistantTextStart:
                    Assert.True(open.TryAdd(e.SessionId, []), "START while a text is open");
                    break;
                case SessionEventKind.AssistantTextDelta:
                    open[e.SessionId].Add(e.GetString("delta")!);
                    break;
                case SessionEventKind.AssistantTextEnd:
                    Assert.True(open.Remove(e.SessionId, out var deltas), "END without START");
                    var text = e.GetString("text")!;
                    Assert.Equal(text, string.Concat(deltas));
                    Assert.Equal(ExpectsStreaming && text.Length >= 3 ? 3 : 1, deltas.Count);
                    break;
                default:
                    break;
            }
        }

        Assert.Empty(open);
    }

    private string? FirstUserText(JsonElement body)
    {
        var texts = Wire.UserTexts(body);
        return texts.Count > 0 ? texts[0] : null;
    }

    private FakeResponse Answer(RecordedRequest request)
    {
        var streaming = Wire.IsStreaming(request);
        var script = FirstUserText(request.Json) is { } first && _conversations.TryGetValue(first, out var other) ? other : _script;
        if (!script.TryDequeue(out var answer))
        {
            // 400 is never retried: a missing answer fails the cell at once with this message.
            return FakeResponse.Error(400, """{"error":{"message":"parity script: no model turn left for this request","type":"invalid_request_error"}}""");
        }

        _streamed.Enqueue(streaming);
        return answer(streaming);
    }

    private FakeResponse Render(ModelTurn turn, bool streaming) => streaming ? Wire.Sse(turn) : Wire.Json(turn);
}
