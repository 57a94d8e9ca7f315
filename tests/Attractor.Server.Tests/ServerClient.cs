// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Server.Tests;

/// <summary>An HTTP client for one server with the calls the tests make, and a server-sent events reader.</summary>
internal sealed class ServerClient : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public ServerClient(Uri baseAddress, string? token = null)
    {
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http { get; }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonNode.Parse(text) as JsonObject : null;
        return (response.StatusCode, json ?? new JsonObject { ["raw"] = text });
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    public async Task<string> StartAsync(object submission)
    {
        var (status, body) = await PostAsync("pipelines", submission);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body.ToJsonString()}");
        return body["id"]!.GetValue<string>();
    }

    /// <summary>Polls the run until its status is one of <paramref name="statuses"/>.</summary>
    public async Task<JsonObject> WaitForStatusAsync(string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (_, body) = await GetAsync($"pipelines/{id}");
            var status = body["run"]?["status"]?.GetValue<string>();
            if (status is not null && statuses.Contains(status))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {id} is still '{status}' after {Patience}, expected {string.Join(" or ", statuses)}: {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the run's first pending question.</summary>
    public async Task<JsonObject> WaitForQuestionAsync(string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (_, body) = await GetAsync($"pipelines/{id}/questions");
            if (body["questions"] is JsonArray { Count: > 0 } questions)
            {
                return questions[0]!.AsObject();
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {id} asked nothing within {Patience}");
            await Task.Delay(50);
        }
    }

    /// <summary>Reads the run's event stream until <paramref name="until"/> holds for a received event, then closes it.</summary>
    public async Task<List<SseEvent>> ReadEventsAsync(string id, Func<SseEvent, bool> until, string? lastEventId = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"pipelines/{id}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<SseEvent>();
        string? eventId = null;
        var name = "message";
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the event stream of {id} did not deliver the awaited event within {Patience}; got: {string.Join(" | ", events.Select(e => e.Name + " " + e.Data))}");
            }

            Assert.NotNull(line);
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    var received = new SseEvent(eventId, name, string.Join("\n", data));
                    events.Add(received);
                    if (until(received))
                    {
                        return events;
                    }
                }

                eventId = null;
                name = "message";
                data.Clear();
                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    eventId = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>One received server-sent event.</summary>
internal sealed record SseEvent(string? Id, string Name, string Data)
{
    public JsonObject Json => JsonNode.Parse(Data)!.AsObject();

    /// <summary>Gets the engine event type (<c>type</c> of a message event), or null for notices.</summary>
    public string? Type => Name == "message" ? Json["type"]?.GetValue<string>() : null;

    public bool IsTerminal => Type is "pipeline_completed" or "pipeline_failed";

    public override string ToString() => $"{Id} {Name} {Data}";
}

internal static class JsonAssertions
{
    public static string Str(this JsonNode? node, string property) => node?[property]?.GetValue<string>() ?? throw new InvalidOperationException($"no '{property}' in {node?.ToJsonString()}");

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
