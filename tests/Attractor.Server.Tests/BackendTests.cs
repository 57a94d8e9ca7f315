// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Server.Tests;

/// <summary>Served runs with a real pipeline backend, against the fake provider on 127.0.0.1.</summary>
public sealed class BackendTests : IDisposable
{
    private const string ApiKey = "sk-test-served-openai";

    private const string Draft = """
        digraph Draft {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            draft [prompt="Draft the release notes"]
            start -> draft -> exit
        }
        """;

    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_run_named_with_the_llm_backend_calls_the_provider_and_keeps_the_key_on_the_server()
    {
        await using var provider = await FakeProviderServer.StartAsync();
        provider.Enqueue(StreamedResponse("Release notes, drafted."));
        var environment = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = ApiKey,
            ["OPENAI_BASE_URL"] = new Uri(provider.BaseUrl, "v1").ToString(),
        };
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GetEnvironmentVariable = environment.GetValueOrDefault });
        using var client = new ServerClient(server.BaseAddress);

        var (backends, list) = await client.GetAsync("backends");
        Assert.Equal(HttpStatusCode.OK, backends);
        Assert.Equal(["simulate", "llm", "agent", "claude-code", "codex", "gemini-cli"], list["backends"]!.AsArray().Select(b => b!.GetValue<string>()));

        var id = await client.StartAsync(new { source = Draft, backend = "llm" });
        var done = await client.WaitForStatusAsync(id, "succeeded");
        Assert.Equal("llm", done["run"].Str("backend"));
        var request = Assert.Single(provider.Requests);
        Assert.Equal("/v1/responses", request.Path);
        Assert.Contains("Draft the release notes", request.Body, StringComparison.Ordinal);

        using var response = await client.Http.GetAsync($"pipelines/{id}/files/draft/response.md");
        Assert.Equal("Release notes, drafted.", await response.Content.ReadAsStringAsync());

        // Nothing the browser can read carries the key.
        var everything = new List<string> { done.ToJsonString() };
        foreach (var path in new[] { "pipelines", $"pipelines/{id}/checkpoint", $"pipelines/{id}/context", $"pipelines/{id}/graph?format=json" })
        {
            everything.Add((await client.GetAsync(path)).Body.ToJsonString());
        }

        everything.AddRange((await client.ReadEventsAsync(id, e => e.Name == "status")).Select(e => e.Data));
        Assert.All(everything, text => Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backend_without_its_api_key_is_refused_with_the_variable_to_set()
    {
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GetEnvironmentVariable = _ => null });
        using var client = new ServerClient(server.BaseAddress);

        var (status, body) = await client.PostAsync("pipelines", new { source = Draft, backend = "agent" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("OPENAI_API_KEY", body.Str("error"), StringComparison.Ordinal);
        var (_, runs) = await client.GetAsync("pipelines");
        Assert.Empty(runs["pipelines"]!.AsArray());

        var simulated = await client.StartAsync(new { source = Draft });
        var done = await client.WaitForStatusAsync(simulated, "succeeded");
        Assert.Equal("simulate", done["run"].Str("backend"));
    }

    /// <summary>The answer as the Responses API streams it (the llm backend streams its call): created, item added, one delta, item done, completed.</summary>
    private static FakeResponse StreamedResponse(string text)
    {
        var body = ResponsesBody(text);
        var created = body.DeepClone().AsObject();
        created["status"] = "in_progress";
        created["output"] = new JsonArray();
        var item = body["output"]![0]!.DeepClone().AsObject();
        var added = item.DeepClone().AsObject();
        added["status"] = "in_progress";
        added["content"] = new JsonArray();
        return FakeResponse.Sse(
        [
            Event("response.created", new JsonObject { ["response"] = created }),
            Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = added }),
            Event("response.output_text.delta", new JsonObject { ["item_id"] = "msg_1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = text }),
            Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = item }),
            Event("response.completed", new JsonObject { ["response"] = body }),
        ]);

        static Attractor.Llm.FakeProvider.SseEvent Event(string type, JsonObject data)
        {
            data["type"] = type;
            return new Attractor.Llm.FakeProvider.SseEvent(type, data.ToJsonString());
        }
    }

    private static JsonObject ResponsesBody(string text) => new()
    {
        ["id"] = "resp_1",
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2",
        ["output"] = new JsonArray(new JsonObject
        {
            ["type"] = "message",
            ["id"] = "msg_1",
            ["status"] = "completed",
            ["role"] = "assistant",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
        }),
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
