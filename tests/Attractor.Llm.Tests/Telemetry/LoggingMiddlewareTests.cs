// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Llm.Tests.Interop;
using Microsoft.Extensions.Logging;

namespace Attractor.Llm.Tests.Telemetry;

public sealed class LoggingMiddlewareTests
{
    private const string Secret = "sk-live-VERYSECRET-0123456789";

    [Fact]
    public async Task A_completion_logs_its_shape_and_outcome_but_no_content_and_no_secret()
    {
        var logger = new TestLogger();
        var adapter = new ScriptedAdapter("openai").Complete(ScriptedAdapter.TextResponse("RESPONSE-CONTENT", provider: "openai"));
        using var client = new LlmClient([adapter], "openai", [new LoggingMiddleware(logger)]);

        await client.CompleteAsync(new Request
        {
            Model = "gpt-test",
            Provider = "openai",
            Messages = [Message.System("SYSTEM-CONTENT"), Message.User("USER-CONTENT " + Secret)],
            ProviderOptions = new JsonObject { ["openai"] = new JsonObject { ["api_key"] = Secret } },
        });

        Assert.Equal([LogLevel.Debug, LogLevel.Information], logger.Entries.Select(e => e.Level));
        Assert.Equal("LLM complete request to openai/gpt-test: 2 messages, 0 tools", logger.Entries[0].Message);
        Assert.StartsWith("LLM response from openai/model-1 (resp_1): finish stop, 11 input and 7 output tokens in ", logger.Entries[1].Message, StringComparison.Ordinal);
        Assert.Equal("LlmRequestCompleted", logger.Entries[1].EventId.Name);
        Assert.Contains(logger.Entries[1].State, kv => kv.Key == "InputTokens" && (int?)kv.Value == 11);
        Assert.DoesNotContain("CONTENT", logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_is_logged_at_trace_level_only_when_asked()
    {
        var logger = new TestLogger();
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("RESPONSE-CONTENT"));
        using var client = new LlmClient([adapter], "scripted", [new LoggingMiddleware(logger) { LogContent = true }]);

        await client.CompleteAsync(new Request { Model = "m", Messages = [Message.User("USER-CONTENT")] });

        var traces = logger.Entries.Where(e => e.Level == LogLevel.Trace).Select(e => e.Message).ToList();
        Assert.Equal(2, traces.Count);
        Assert.Contains("USER-CONTENT", traces[0], StringComparison.Ordinal);
        Assert.Contains("RESPONSE-CONTENT", traces[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_log_a_warning_with_the_exception_and_cancellation_only_at_debug()
    {
        var logger = new TestLogger();
        var error = new ServerException(new ProviderErrorDetails("scripted", "overloaded") { StatusCode = 503 });
        var adapter = new ScriptedAdapter().Fail(error).Fail(new OperationCanceledException());
        using var client = new LlmClient([adapter], "scripted", [new LoggingMiddleware(logger)]);
        var request = new Request { Model = "m", Messages = [Message.User("x")] };

        await Assert.ThrowsAsync<ServerException>(() => client.CompleteAsync(request));
        await Assert.ThrowsAsync<OperationCanceledException>(() => client.CompleteAsync(request));

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Same(error, warning.Exception);
        Assert.StartsWith("LLM complete request to (default)/m failed after ", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("ms: ServerException", warning.Message, StringComparison.Ordinal);
        Assert.Single(logger.Entries, e => e.EventId.Name == "LlmRequestCancelled" && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task A_stream_logs_its_first_chunk_and_finish_and_an_abandoned_stream_says_so()
    {
        var logger = new TestLogger();
        var response = ScriptedAdapter.TextResponse("SECRET-TEXT");
        var adapter = new ScriptedAdapter()
            .Stream(ScriptedAdapter.TextStream(response, "SECRET-", "TEXT"))
            .Stream(ScriptedAdapter.TextStream(response, "SECRET-", "TEXT"));
        using var client = new LlmClient([adapter], "scripted", [new LoggingMiddleware(logger)]);
        var request = new Request { Model = "m", Messages = [Message.User("x")] };

        await foreach (var streamEvent in client.StreamAsync(request))
        {
            Assert.NotNull(streamEvent);
        }

        Assert.Equal(["LlmRequestStarting", "LlmFirstChunk", "LlmRequestCompleted"], logger.Entries.Select(e => e.EventId.Name));

        await foreach (var streamEvent in client.StreamAsync(request))
        {
            if (streamEvent.Type == StreamEventType.TextDelta)
            {
                break;
            }
        }

        Assert.Equal("LlmStreamAbandoned", logger.Entries[^1].EventId.Name);
        Assert.DoesNotContain("SECRET", logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_levels_log_nothing()
    {
        var logger = new TestLogger(LogLevel.Error);
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("x"));
        using var client = new LlmClient([adapter], "scripted", [new LoggingMiddleware(logger) { LogContent = true }]);

        await client.CompleteAsync(new Request { Model = "m", Messages = [Message.User("x")] });

        Assert.Empty(logger.Entries);
    }
}
