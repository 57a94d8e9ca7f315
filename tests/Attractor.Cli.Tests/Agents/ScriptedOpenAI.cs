// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.TestSupport;

/// <summary>
/// A fake OpenAI Responses API on 127.0.0.1 answering with scripted model turns, in order: as a JSON body or, when the
/// request asks to stream, as the real API's SSE events (text in several deltas). Linked into the CLI and the MSBuild
/// tests, which point the attractor CLI at it with <c>OPENAI_BASE_URL</c>.
/// </summary>
public sealed class ScriptedOpenAI : IAsyncDisposable
{
    private readonly ConcurrentQueue<Turn> _turns = new();
    private int _counter;

    private ScriptedOpenAI(FakeProviderServer server)
    {
        Server = server;
        server.Responder = Respond;
    }

    public FakeProviderServer Server { get; }

    /// <summary>Gets the value for <c>OPENAI_BASE_URL</c>.</summary>
    public string BaseUrl => new Uri(Server.BaseUrl, "v1").ToString();

    /// <summary>Gets the environment that points the CLI at this server, with a test key.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
        ["OPENAI_BASE_URL"] = BaseUrl,
    };

    public static async Task<ScriptedOpenAI> StartAsync() => new(await FakeProviderServer.StartAsync());

    /// <summary>Queues a turn that answers with text only (the task is done).</summary>
    public ScriptedOpenAI Says(string text)
    {
        _turns.Enqueue(new Turn(text, []));
        return this;
    }

    /// <summary>Queues a turn that calls one tool (with optional text before it).</summary>
    public ScriptedOpenAI Calls(string name, object arguments, string text = "")
    {
        var id = "call_" + Interlocked.Increment(ref _counter);
        _turns.Enqueue(new Turn(text, [(id, name, JsonSerializer.Serialize(arguments))]));
        return this;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private FakeResponse Respond(RecordedRequest request)
    {
        if (!_turns.TryDequeue(out var turn))
        {
            return FakeResponse.Error(500, """{"error":{"message":"The test scripted no more turns.","type":"server_error","param":null,"code":null}}""");
        }

        var streaming = request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        return streaming ? Sse(turn) : FakeResponse.Json(Body(turn).ToJsonString());
    }

    private JsonObject Body(Turn turn)
    {
        var output = new JsonArray();
        foreach (var item in Items(turn))
        {
            output.Add(item);
        }

        return new JsonObject
        {
            ["id"] = "resp_" + Interlocked.Increment(ref _counter),
            ["object"] = "response",
            ["created_at"] = 1764590000,
            ["status"] = "completed",
            ["model"] = "gpt-5.2-codex",
            ["output"] = output,
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = 10,
                ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
                ["output_tokens"] = 5,
                ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
                ["total_tokens"] = 15,
            },
        };
    }

    private List<JsonObject> Items(Turn turn)
    {
        var items = new List<JsonObject>();
        if (turn.Text.Length > 0)
        {
            items.Add(new JsonObject
            {
                ["type"] = "message",
                ["id"] = "msg_" + Interlocked.Increment(ref _counter),
                ["status"] = "completed",
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = turn.Text, ["annotations"] = new JsonArray() }),
            });
        }

        foreach (var (id, name, arguments) in turn.Calls)
        {
            items.Add(new JsonObject
            {
                ["type"] = "function_call",
                ["id"] = "fc_" + id,
                ["call_id"] = id,
                ["name"] = name,
                ["arguments"] = arguments,
                ["status"] = "completed",
            });
        }

        return items;
    }

    private FakeResponse Sse(Turn turn)
    {
        var body = Body(turn);
        var events = new List<SseEvent>();
        var sequence = 0;
        void Add(string type, JsonObject data)
        {
            data["type"] = type;
            data["sequence_number"] = sequence++;
            events.Add(new SseEvent(type, data.ToJsonString()));
        }

        var created = (JsonObject)body.DeepClone();
        created["status"] = "in_progress";
        created["output"] = new JsonArray();
        created["usage"] = null;
        Add("response.created", new JsonObject { ["response"] = created });

        var items = ((JsonArray)body["output"]!).Select(static node => (JsonObject)node!).ToList();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var added = (JsonObject)item.DeepClone();
            added["status"] = "in_progress";
            if ((string?)item["type"] == "message")
            {
                added["content"] = new JsonArray();
                Add("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added });
                var text = (string)item["content"]![0]!["text"]!;
                foreach (var piece in Pieces(text))
                {
                    Add("response.output_text.delta", new JsonObject { ["item_id"] = (string?)item["id"], ["output_index"] = index, ["content_index"] = 0, ["delta"] = piece, ["logprobs"] = new JsonArray() });
                }
            }
            else
            {
                added["arguments"] = string.Empty;
                Add("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added });
                Add("response.function_call_arguments.delta", new JsonObject { ["item_id"] = (string?)item["id"], ["output_index"] = index, ["delta"] = (string?)item["arguments"] });
            }

            Add("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() });
        }

        Add("response.completed", new JsonObject { ["response"] = body });
        return FakeResponse.Sse(events);
    }

    // Three pieces, so a streaming client sees the text arrive in parts.
    private static IEnumerable<string> Pieces(string text)
    {
        var third = Math.Max(1, text.Length / 3);
        for (var start = 0; start < text.Length; start += third)
        {
            yield return text.Substring(start, Math.Min(third, text.Length - start));
        }
    }

    private sealed record Turn(string Text, IReadOnlyList<(string Id, string Name, string Arguments)> Calls);
}
