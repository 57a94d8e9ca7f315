// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness;

public sealed class CodexStreamParserTests
{
    private static readonly CodexCli Cli = new();

    [Fact]
    public void A_text_turn_gives_the_agent_message_the_thread_id_and_usage_and_keeps_the_warning_item_as_a_notice()
    {
        var (events, turn) = Fixtures.Parse(Cli, "codex-out.jsonl");

        Assert.Equal(["notice", "delta"], events.Select(e => e.Kind));
        Assert.Equal("item.completed", ((BackendNotice)events[0]).EventType);
        Assert.Contains("Model metadata", ((BackendNotice)events[0]).Raw, StringComparison.Ordinal);
        Assert.Equal("Hello from fake responses.", ((BackendDelta)events[1]).Text);
        Assert.Equal("01a209a2-6ddb-7742-ba4d-03b2a8367915", events[1].Source.Execution.SessionId);
        Assert.Equal("openai", events[1].Source.Provider);
        Assert.True(turn.Finished);
        Assert.Equal("Hello from fake responses.", turn.FinalText);
        Assert.Equal(new BackendUsage(20, 6) { CachedInputTokens = 0, ReasoningTokens = 0 }, turn.Usage);
        Assert.Null(Cli.ClassifyFailure(turn, exitCode: 0, stderrTail: string.Empty));
    }

    [Fact]
    public void A_command_execution_is_a_tool_call_then_its_result()
    {
        var (events, turn) = Fixtures.Parse(Cli, "codex-tool.jsonl");

        Assert.Equal(["notice", "tool_call", "tool_result", "delta"], events.Select(e => e.Kind));
        var call = (BackendToolCall)events[1];
        Assert.Equal(("item_1", "command_execution"), (call.CallId, call.Name));
        Assert.Contains("echo hi-from-tool", call.Arguments, StringComparison.Ordinal);
        var result = (BackendToolResult)events[2];
        Assert.Equal(("item_1", "hi-from-tool\n", false), (result.CallId, result.Output, result.IsError));
        Assert.Equal("Hello from fake responses.", turn.FinalText);
        Assert.Equal((40L, 12L), (turn.Usage!.InputTokens, turn.Usage.OutputTokens));
    }

    [Fact]
    public void A_provider_401_is_an_auth_failure_from_turn_failed()
    {
        var (_, turn) = Fixtures.Parse(Cli, "codex-401.jsonl");

        var error = Cli.ClassifyFailure(turn, exitCode: 1, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal((BackendErrorCategory.Auth, false, 401), (error.Category, error.Retryable, error.StatusCode));
        Assert.Contains("invalid x-api-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_503_is_a_retryable_provider_failure()
    {
        var (_, turn) = Fixtures.Parse(Cli, "codex-503.jsonl");

        var error = Cli.ClassifyFailure(turn, exitCode: 1, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal((BackendErrorCategory.Provider, true, 503), (error.Category, error.Retryable, error.StatusCode));
    }

    [Fact]
    public void Reasoning_file_changes_failed_commands_and_mcp_calls_are_normalised()
    {
        var (events, turn) = Fixtures.ParseLines(Cli, [
            """{"type":"item.completed","item":{"id":"r1","type":"reasoning","text":"Thinking about it."}}""",
            """{"type":"item.completed","item":{"id":"f1","type":"file_change","changes":[{"path":"a.txt","kind":"add"}],"status":"completed"}}""",
            """{"type":"item.started","item":{"id":"c1","type":"command_execution","command":"false","aggregated_output":"","exit_code":null,"status":"in_progress"}}""",
            """{"type":"item.completed","item":{"id":"c1","type":"command_execution","command":"false","aggregated_output":"","exit_code":1,"status":"failed"}}""",
            """{"type":"item.started","item":{"id":"m1","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"status":"in_progress"}}""",
            """{"type":"item.completed","item":{"id":"m1","type":"mcp_tool_call","server":"docs","tool":"search","arguments":{"q":"x"},"result":{"content":[]},"status":"completed"}}""",
            """{"type":"item.completed","item":{"id":"a1","type":"agent_message","text":"First."}}""",
            """{"type":"item.completed","item":{"id":"a2","type":"agent_message","text":"Done."}}""",
        ]);

        Assert.Equal(["thinking", "tool_call", "tool_result", "tool_call", "tool_result", "tool_call", "tool_result", "delta", "delta"], events.Select(e => e.Kind));
        Assert.Equal("file_change", ((BackendToolCall)events[1]).Name);
        Assert.True(((BackendToolResult)events[4]).IsError);
        Assert.Equal("docs.search", ((BackendToolCall)events[5]).Name);
        Assert.Equal("{\"q\":\"x\"}", ((BackendToolCall)events[5]).Arguments);
        Assert.Equal("Done.", turn.FinalText);
        Assert.False(turn.Finished);
    }

    [Fact]
    public void An_error_without_turn_failed_and_a_non_zero_exit_is_classified_from_the_error_message()
    {
        var (_, turn) = Fixtures.ParseLines(Cli, [
            """{"type":"thread.started","thread_id":"t"}""",
            """{"type":"error","message":"stream disconnected before completion: error sending request for url (http://127.0.0.1:9/v1/responses)"}""",
        ]);

        var error = Cli.ClassifyFailure(turn, exitCode: 1, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal((BackendErrorCategory.Transport, true), (error.Category, error.Retryable));
    }
}
