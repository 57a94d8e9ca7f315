// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Backends.Tests.Contract;

public sealed class BackendEventJsonTests
{
    [Fact]
    public void Events_serialize_with_their_wire_names_and_round_trip()
    {
        var source = new BackendEventSource("codex", "plan", 2) { Provider = "openai", Model = "gpt-5", Execution = new ExecutionReference("thread-1", 42) };
        BackendEvent[] events =
        [
            new BackendStarted(source),
            new BackendDelta(source, "hi"),
            new BackendThinking(source, "hmm"),
            new BackendToolCall(source, "c1", "shell", "{}"),
            new BackendToolResult(source, "c1", "ok", false),
            new BackendCompleted(source, "done", new BackendUsage(1, 2) { CostUsd = 0.5m }),
            new BackendFailed(source, BackendError.FromStatus(429, "slow down"), BackendUsage.None),
            new BackendCanceled(source, CancelResult.Failed, BackendError.Unknown("stuck")),
            new BackendNotice(source, "x", "{}"),
        ];

        foreach (var backendEvent in events)
        {
            var json = JsonSerializer.Serialize(backendEvent, JsonSerializerOptions.Web);
            using var document = JsonDocument.Parse(json);
            Assert.Equal(backendEvent.Kind, document.RootElement.GetProperty("type").GetString());
            var back = JsonSerializer.Deserialize<BackendEvent>(json, JsonSerializerOptions.Web);
            Assert.Equal(backendEvent, back);
        }

        var failed = JsonSerializer.Serialize<BackendEvent>(events[6], JsonSerializerOptions.Web);
        Assert.Contains("\"category\":\"provider\"", failed, StringComparison.Ordinal);
        Assert.Contains("\"result\":\"failed\"", JsonSerializer.Serialize<BackendEvent>(events[7], JsonSerializerOptions.Web), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_completed_failed_and_canceled_are_terminal()
    {
        var source = new BackendEventSource("claude-code", "n", 1);
        Assert.False(new BackendStarted(source).IsTerminal);
        Assert.False(new BackendDelta(source, "x").IsTerminal);
        Assert.True(new BackendCompleted(source, "x", BackendUsage.None).IsTerminal);
        Assert.True(new BackendFailed(source, BackendError.Unknown("x"), BackendUsage.None).IsTerminal);
        Assert.True(new BackendCanceled(source, CancelResult.Ok).IsTerminal);
    }
}
