// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.Json;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>
/// Answers a fake server's requests per conversation: parent and subagents call the same server concurrently, so each
/// agent's script is picked by the first user message of the request (its task) and played in order.
/// </summary>
/// <param name="firstUserText">Reads the first user message of a request in the provider's wire format.</param>
internal sealed class AgentScripts(Func<JsonElement, string?> firstUserText)
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Conversation, RecordedRequest Request)> _requests = new();

    /// <summary>Scripts the answers to the conversation that starts with <paramref name="firstUserMessage"/>.</summary>
    public void For(string firstUserMessage, params FakeResponse[] responses) =>
        _scripts[firstUserMessage] = new ConcurrentQueue<FakeResponse>(responses);

    /// <summary>The requests of one conversation, in order.</summary>
    public IReadOnlyList<RecordedRequest> RequestsOf(string firstUserMessage) =>
        [.. _requests.Where(pair => pair.Conversation == firstUserMessage).Select(pair => pair.Request)];

    public FakeResponse Respond(RecordedRequest request)
    {
        var conversation = firstUserText(request.Json) ?? "(no user message)";
        _requests.Enqueue((conversation, request));

        // 400 is not retried: an unscripted call fails the conversation at once with a message naming it.
        return _scripts.TryGetValue(conversation, out var script) && script.TryDequeue(out var response)
            ? response
            : FakeResponse.Error(400, JsonSerializer.Serialize(new { error = new { message = "no scripted response for the conversation " + conversation, type = "invalid_request_error" } }));
    }

    /// <summary>The first user message of an OpenAI Responses request.</summary>
    public static string? OpenAIFirstUserText(JsonElement body) =>
        body.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("role", out var role) && role.GetString() == "user")
            .Select(item => item.GetProperty("content") is { ValueKind: JsonValueKind.String } text ? text.GetString() : item.GetProperty("content")[0].GetProperty("text").GetString())
            .FirstOrDefault();
}
