// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness;

public sealed class ClaudeCodeStreamParserTests
{
    private static readonly ClaudeCodeCli Cli = new();

    [Fact]
    public void A_text_turn_gives_the_whole_text_once_with_session_model_usage_and_cost()
    {
        var (events, turn) = Fixtures.Parse(Cli, "claude-out.jsonl");

        var delta = Assert.Single(events.OfType<BackendDelta>());
        Assert.Equal("Hello from fake anthropic.", delta.Text);
        Assert.Equal("3ccfee28-3d21-41b8-8c12-297d6e7fb8ca", delta.Source.Execution.SessionId);
        Assert.Equal("claude-sonnet-4-5", delta.Source.Model);
        Assert.Equal("anthropic", delta.Source.Provider);
        Assert.DoesNotContain(events, e => e is BackendNotice);
        Assert.True(turn.Finished);
        Assert.Null(turn.FailureMessage);
        Assert.Equal("Hello from fake anthropic.", turn.FinalText);
        Assert.Equal(new BackendUsage(12, 7) { CachedInputTokens = 0, ReasoningTokens = 0, CostUsd = 0.000141m }, turn.Usage);
        Assert.Null(Cli.ClassifyFailure(turn, exitCode: 0, stderrTail: string.Empty));
    }

    [Fact]
    public void A_tool_turn_streams_thinking_and_text_deltas_once_and_reports_the_tool_call_and_result()
    {
        var (events, turn) = Fixtures.Parse(Cli, "claude-tool.jsonl");

        Assert.Equal(
            ["thinking", "tool_call", "tool_result", "delta", "delta"],
            events.Select(e => e.Kind));
        Assert.Equal("I should run echo.", ((BackendThinking)events[0]).Text);
        var call = (BackendToolCall)events[1];
        Assert.Equal(("toolu_fake1", "Bash"), (call.CallId, call.Name));
        Assert.Contains("echo hi-from-tool", call.Arguments, StringComparison.Ordinal);
        var result = (BackendToolResult)events[2];
        Assert.Equal(("toolu_fake1", "hi-from-tool", false), (result.CallId, result.Output, result.IsError));
        Assert.Equal("Hello from fake anthropic.", string.Concat(events.OfType<BackendDelta>().Select(d => d.Text)));
        Assert.Equal("Hello from fake anthropic.", turn.FinalText);
        Assert.Equal(0.000426m, turn.Usage!.CostUsd);
        Assert.Equal((32L, 22L), (turn.Usage.InputTokens, turn.Usage.OutputTokens));
    }

    [Fact]
    public void A_provider_401_is_an_auth_failure_that_is_not_retried_and_its_synthetic_message_is_not_response_text()
    {
        var (events, turn) = Fixtures.Parse(Cli, "claude-401.jsonl");

        Assert.DoesNotContain(events, e => e is BackendDelta);
        var error = Cli.ClassifyFailure(turn, exitCode: 1, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal((BackendErrorCategory.Auth, false, 401), (error.Category, error.Retryable, error.StatusCode));
        Assert.Contains("Invalid API key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_503_is_a_retryable_provider_failure()
    {
        var (_, turn) = Fixtures.Parse(Cli, "claude-503.jsonl");

        var error = Cli.ClassifyFailure(turn, exitCode: 1, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal((BackendErrorCategory.Provider, true, 503), (error.Category, error.Retryable, error.StatusCode));
    }

    [Fact]
    public void A_stream_cut_before_the_result_is_a_failure_even_with_exit_code_0()
    {
        // Claude Code exits 0 without a result line after SIGINT.
        var lines = Fixtures.Lines("claude-tool.jsonl")[..^1];
        var (_, turn) = Fixtures.ParseLines(Cli, lines);

        var error = Cli.ClassifyFailure(turn, exitCode: 0, stderrTail: string.Empty);
        Assert.NotNull(error);
        Assert.Equal(BackendErrorCategory.Unknown, error.Category);
        Assert.Contains("without reporting a result", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_partial_messages_each_assistant_block_is_emitted_whole()
    {
        var lines = Fixtures.Lines("claude-tool.jsonl").Where(line => !line.Contains("\"type\":\"stream_event\"", StringComparison.Ordinal));
        var (events, turn) = Fixtures.ParseLines(Cli, lines);

        Assert.Equal(["thinking", "tool_call", "tool_result", "delta"], events.Select(e => e.Kind));
        Assert.Equal("Hello from fake anthropic.", turn.FinalText);
    }

    [Fact]
    public void A_retry_notice_and_unknown_event_types_are_passed_through()
    {
        var (events, _) = Fixtures.ParseLines(Cli, [
            """{"type":"system","subtype":"api_retry","attempt":1,"max_retries":10,"retry_delay_ms":514,"error_status":401}""",
            """{"type":"rate_limit_event","info":{}}""",
        ]);

        Assert.Equal(["system", "rate_limit_event"], events.Cast<BackendNotice>().Select(n => n.EventType));
    }
}
