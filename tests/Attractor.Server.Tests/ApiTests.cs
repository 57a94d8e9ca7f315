// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Text.Json.Nodes;

namespace Attractor.Server.Tests;

public sealed class ApiTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorkspace _workspace = new();
    private ServerHost _server = null!;
    private ServerClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root });
        _client = new ServerClient(_server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_gate_answered_on_the_web_routes_the_run_and_every_read_endpoint_shows_it()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate });

        var question = await _client.WaitForQuestionAsync(id);
        Assert.Equal("Ship it?", question.Str("text"));
        Assert.Equal("approve", question.Str("stage"));
        Assert.Equal(["A", "F"], question["options"]!.AsArray().Select(o => o.Str("key")));
        var waiting = await _client.WaitForStatusAsync(id, "waiting");
        Assert.Equal("waiting", NodeState(waiting, "approve"));
        Assert.Equal("succeeded", NodeState(waiting, "build"));

        var (answered, body) = await _client.PostAsync($"pipelines/{id}/questions/{question.Str("id")}/answer", new { option = "A" });
        Assert.True(answered == HttpStatusCode.OK, body.ToJsonString());

        var done = await _client.WaitForStatusAsync(id, "succeeded");
        Assert.Equal("succeeded", NodeState(done, "ship"));
        Assert.Equal("pending", NodeState(done, "fix"));
        Assert.Equal("succeeded", NodeState(done, "approve"));
        Assert.Contains("status.json", done["nodes"]!.AsArray().Single(n => n.Str("id") == "ship")!["files"]!.AsArray().Select(f => f!.GetValue<string>()));

        var (listed, list) = await _client.GetAsync("pipelines");
        Assert.Equal(HttpStatusCode.OK, listed);
        var summary = Assert.Single(list["pipelines"]!.AsArray());
        Assert.Equal(id, summary.Str("id"));
        Assert.Equal("succeeded", summary.Str("status"));
        Assert.Equal("inline", summary.Str("source"));

        var (checkpointStatus, checkpoint) = await _client.GetAsync($"pipelines/{id}/checkpoint");
        Assert.Equal(HttpStatusCode.OK, checkpointStatus);
        Assert.Contains("ship", checkpoint["completed_nodes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.DoesNotContain("fix", checkpoint["completed_nodes"]!.AsArray().Select(n => n!.GetValue<string>()));

        var (contextStatus, context) = await _client.GetAsync($"pipelines/{id}/context");
        Assert.Equal(HttpStatusCode.OK, contextStatus);
        Assert.Equal("A", context["context"]!["human.gate.selected"]!.GetValue<string>());

        using var status = await _client.Http.GetAsync($"pipelines/{id}/files/ship/status.json");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("success", await status.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sandbox", status.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var (questionsStatus, questions) = await _client.GetAsync($"pipelines/{id}/questions");
        Assert.Equal(HttpStatusCode.OK, questionsStatus);
        Assert.Empty(questions["questions"]!.AsArray());
    }

    [Fact]
    public async Task Answers_to_unknown_or_closed_questions_get_404_and_409_and_a_wrong_option_400()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate });
        var question = await _client.WaitForQuestionAsync(id);
        var qid = question.Str("id");

        var (unknown, unknownBody) = await _client.PostAsync($"pipelines/{id}/questions/nope/answer", new { option = "A" });
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("no question 'nope'", unknownBody.Str("error"), StringComparison.Ordinal);

        var (wrong, wrongBody) = await _client.PostAsync($"pipelines/{id}/questions/{qid}/answer", new { option = "Z" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Contains("A, F", wrongBody.Str("error"), StringComparison.Ordinal);

        var (noRun, _) = await _client.PostAsync($"pipelines/missing/questions/{qid}/answer", new { option = "A" });
        Assert.Equal(HttpStatusCode.NotFound, noRun);

        var (first, _) = await _client.PostAsync($"pipelines/{id}/questions/{qid}/answer", new { option = "fix" });
        Assert.Equal(HttpStatusCode.OK, first);
        var (second, secondBody) = await _client.PostAsync($"pipelines/{id}/questions/{qid}/answer", new { option = "A" });
        Assert.Equal(HttpStatusCode.Conflict, second);
        Assert.Contains("was answered", secondBody.Str("error"), StringComparison.Ordinal);

        var done = await _client.WaitForStatusAsync(id, "succeeded");
        Assert.Equal("succeeded", NodeState(done, "fix"));
        Assert.Equal("pending", NodeState(done, "ship"));
    }

    [Fact]
    public async Task The_event_stream_replays_history_then_resumes_after_Last_Event_ID()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Simple });
        await _client.WaitForStatusAsync(id, "succeeded");

        var all = await _client.ReadEventsAsync(id, e => e.Name == "status");
        var engine = all.Where(e => e.Id is not null).ToList();
        Assert.Equal(Enumerable.Range(1, engine.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), engine.Select(e => e.Id));
        Assert.Equal("pipeline_started", engine[0].Type);
        Assert.Equal("pipeline_completed", engine[^1].Type);
        Assert.Contains(engine, e => e.Type == "stage_completed" && e.Json.Str("name") == "two");
        Assert.Equal("succeeded", all.Single(e => e.Name == "status").Json.Str("status"));

        // The same lines as the run directory's event log, in the same order.
        var logged = File.ReadAllLines(Path.Combine(_workspace.Root, ".attractor", "runs", id, "events.jsonl"));
        Assert.Equal(logged, engine.Select(e => e.Data));

        var resumed = await _client.ReadEventsAsync(id, e => e.Name == "status", lastEventId: "3");
        Assert.Equal(engine.Skip(3).Select(e => e.Data), resumed.Where(e => e.Id is not null).Select(e => e.Data));

        var (bad, _) = await SendEventsWithHeaderAsync(id, "three");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
    }

    [Fact]
    public async Task A_live_subscriber_sees_the_gate_wait_and_the_answer_finish_the_run()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate });
        var reading = _client.ReadEventsAsync(id, e => e.IsTerminal);
        var question = await _client.WaitForQuestionAsync(id);
        await _client.PostAsync($"pipelines/{id}/questions/{question.Str("id")}/answer", new { option = "A" });

        var events = await reading;
        Assert.Contains(events, e => e.Name == "question" && e.Json.Str("id") == question.Str("id"));
        // Live as a node notice, or in the snapshot when the stream connected after the gate asked.
        Assert.Contains(events, e => (e.Name == "node" && e.Json.Str("node") == "approve" && e.Json.Str("state") == "waiting")
            || (e.Name == "nodes" && e.Json["nodes"]!["approve"]!.GetValue<string>() == "waiting"));
        Assert.Contains(events, e => e.Name == "node" && e.Json.Str("node") == "approve" && e.Json.Str("state") == "succeeded");
        Assert.Contains(events, e => e.Type == "interview_started");
        Assert.Contains(events, e => e.Type == "interview_completed");
        Assert.Equal("pipeline_completed", events[^1].Type);
    }

    [Fact]
    public async Task Cancel_stops_a_waiting_run_and_closes_its_question()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate });
        var question = await _client.WaitForQuestionAsync(id);

        var (cancelled, _) = await _client.PostAsync($"pipelines/{id}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancelled);
        var detail = await _client.WaitForStatusAsync(id, "cancelled");
        Assert.True(detail["resumable"]!.GetValue<bool>());
        Assert.Equal("pending", NodeState(detail, "approve"));

        var (again, againBody) = await _client.PostAsync($"pipelines/{id}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("not running", againBody.Str("error"), StringComparison.Ordinal);

        var (late, lateBody) = await _client.PostAsync($"pipelines/{id}/questions/{question.Str("id")}/answer", new { option = "A" });
        Assert.Equal(HttpStatusCode.Conflict, late);
        Assert.Contains("cancelled", lateBody.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_survive_a_restart_and_resume_from_their_checkpoint()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate });
        await _client.WaitForQuestionAsync(id);
        var before = await _client.ReadEventsAsync(id, e => e.Name == "status");
        await _server.StopAsync();

        await using var second = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root });
        using var client = new ServerClient(second.BaseAddress);
        var (_, list) = await client.GetAsync("pipelines");
        var listed = Assert.Single(list["pipelines"]!.AsArray());
        Assert.Equal(id, listed.Str("id"));
        Assert.Equal("cancelled", listed.Str("status"));

        // The history read from events.jsonl keeps the IDs the first server gave.
        var replayed = await client.ReadEventsAsync(id, e => e.Name == "status");
        Assert.Equal(before.Where(e => e.Id is not null).Select(e => e.Id + e.Data), replayed.Where(e => e.Id is not null).Take(before.Count(e => e.Id is not null)).Select(e => e.Id + e.Data));

        var (resumed, resumedBody) = await client.PostAsync($"pipelines/{id}/resume");
        Assert.True(resumed == HttpStatusCode.Accepted, resumedBody.ToJsonString());
        var (twice, _) = await client.PostAsync($"pipelines/{id}/resume");
        Assert.Equal(HttpStatusCode.Conflict, twice);

        var question = await client.WaitForQuestionAsync(id);
        await client.PostAsync($"pipelines/{id}/questions/{question.Str("id")}/answer", new { option = "F" });
        var done = await client.WaitForStatusAsync(id, "succeeded");
        Assert.Equal("succeeded", NodeState(done, "fix"));

        var (finished, finishedBody) = await client.PostAsync($"pipelines/{id}/resume");
        Assert.Equal(HttpStatusCode.Conflict, finished);
        Assert.Contains("succeeded", finishedBody.Str("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_paths_are_confined_to_the_workspace_root()
    {
        _workspace.Write("pipelines/simple.dot", Pipelines.Simple);
        var outside = Path.Combine(Path.GetTempPath(), "attractor-server-tests", "outside-" + Guid.NewGuid().ToString("N") + ".dot");
        File.WriteAllText(outside, Pipelines.Simple);
        try
        {
            var (escape, escapeBody) = await _client.PostAsync("pipelines", new { path = "../" + Path.GetFileName(outside) });
            Assert.Equal(HttpStatusCode.Forbidden, escape);
            Assert.Contains("outside the workspace root", escapeBody.Str("error"), StringComparison.Ordinal);

            var (absolute, _) = await _client.PostAsync("pipelines", new { path = outside });
            Assert.Equal(HttpStatusCode.Forbidden, absolute);

            File.CreateSymbolicLink(Path.Combine(_workspace.Root, "pipelines", "link.dot"), outside);
            var (linked, linkedBody) = await _client.PostAsync("pipelines", new { path = "pipelines/link.dot" });
            Assert.Equal(HttpStatusCode.Forbidden, linked);
            Assert.Contains("symbolic link", linkedBody.Str("error"), StringComparison.Ordinal);

            var (missing, _) = await _client.PostAsync("pipelines", new { path = "pipelines/none.dot" });
            Assert.Equal(HttpStatusCode.NotFound, missing);

            var id = await _client.StartAsync(new { path = "pipelines/simple.dot" });
            var done = await _client.WaitForStatusAsync(id, "succeeded");
            Assert.Equal(Path.Combine("pipelines", "simple.dot"), done["run"].Str("source"));

            using var escapeFile = await _client.Http.GetAsync($"pipelines/{id}/files/..%2F..%2F..%2F{Path.GetFileName(outside)}");
            Assert.True(escapeFile.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, escapeFile.StatusCode.ToString());
            Assert.DoesNotContain("digraph", await escapeFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task Bad_submissions_are_refused_with_a_clear_error()
    {
        var (invalid, invalidBody) = await _client.PostAsync("pipelines", new { source = "digraph X { start [shape=Mdiamond] start -> nowhere }" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.StartsWith("the pipeline is not valid", invalidBody.Str("error"), StringComparison.Ordinal);
        Assert.NotEmpty(invalidBody["diagnostics"]!.AsArray());

        var (both, _) = await _client.PostAsync("pipelines", new { source = Pipelines.Simple, path = "x.dot" });
        Assert.Equal(HttpStatusCode.BadRequest, both);

        var (backend, backendBody) = await _client.PostAsync("pipelines", new { source = Pipelines.Simple, backend = "openai" });
        Assert.Equal(HttpStatusCode.BadRequest, backend);
        Assert.Contains("simulate", backendBody.Str("error"), StringComparison.Ordinal);

        using var text = new StringContent("{}", System.Text.Encoding.UTF8, "text/plain");
        using var textResponse = await _client.Http.PostAsync("pipelines", text);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, textResponse.StatusCode);

        using var broken = new StringContent("{\"source\":", System.Text.Encoding.UTF8, "application/json");
        using var brokenResponse = await _client.Http.PostAsync("pipelines", broken);
        Assert.Equal(HttpStatusCode.BadRequest, brokenResponse.StatusCode);

        var (large, _) = await _client.PostAsync("pipelines", new { source = "digraph X { /*" + new string('x', 2 * 1024 * 1024) + "*/ }" });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large);

        foreach (var path in new[] { "pipelines/missing", "pipelines/missing/events", "pipelines/missing/graph", "pipelines/missing/questions", "pipelines/missing/checkpoint", "pipelines/missing/context" })
        {
            var (status, _) = await _client.GetAsync(path);
            Assert.True(status == HttpStatusCode.NotFound, path);
        }

        var (cancelMissing, _) = await _client.PostAsync("pipelines/missing/cancel");
        Assert.Equal(HttpStatusCode.NotFound, cancelMissing);
        var (resumeMissing, _) = await _client.PostAsync("pipelines/missing/resume");
        Assert.Equal(HttpStatusCode.NotFound, resumeMissing);
    }

    [Fact]
    public async Task Initial_context_and_listed_answers_reach_the_run()
    {
        var id = await _client.StartAsync(new { source = Pipelines.Gate, context = new { ticket = "ABC-1", count = 3 }, answers = new[] { "F" } });
        var done = await _client.WaitForStatusAsync(id, "succeeded");
        Assert.Equal("succeeded", NodeState(done, "fix"));
        var (_, context) = await _client.GetAsync($"pipelines/{id}/context");
        Assert.Equal("ABC-1", context["context"]!["ticket"]!.GetValue<string>());

        var auto = await _client.StartAsync(new { source = Pipelines.Gate, gates = "auto_approve" });
        var autoDone = await _client.WaitForStatusAsync(auto, "succeeded");
        Assert.Equal("succeeded", NodeState(autoDone, "ship"));
    }

    [Fact]
    public async Task Requests_for_other_hosts_and_cross_origin_changes_are_refused()
    {
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "pipelines");
        rebinding.Headers.Host = "attacker.example";
        using var rebound = await _client.Http.SendAsync(rebinding);
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "pipelines") { Content = System.Net.Http.Json.JsonContent.Create(new { source = Pipelines.Simple }) };
        crossSite.Headers.Add("Origin", "http://attacker.example");
        using var refused = await _client.Http.SendAsync(crossSite);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (_, list) = await _client.GetAsync("pipelines");
        Assert.Empty(list["pipelines"]!.AsArray());

        using var sameSite = new HttpRequestMessage(HttpMethod.Post, "pipelines") { Content = System.Net.Http.Json.JsonContent.Create(new { source = Pipelines.Simple }) };
        sameSite.Headers.Add("Origin", _server.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var accepted = await _client.Http.SendAsync(sameSite);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    private static string NodeState(JsonObject detail, string node) =>
        detail["nodes"]!.AsArray().Single(n => n.Str("id") == node).Str("state");

    private async Task<(HttpStatusCode, string)> SendEventsWithHeaderAsync(string id, string lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"pipelines/{id}/events");
        request.Headers.Add("Last-Event-ID", lastEventId);
        using var response = await _client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
