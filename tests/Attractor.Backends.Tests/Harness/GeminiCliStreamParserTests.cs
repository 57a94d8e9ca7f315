// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness;

public sealed class GeminiCliStreamParserTests
{
    private static readonly GeminiCli Cli = new();

    [Fact]
    public void A_text_turn_gives_the_deltas_session_model_and_usage()
    {
        var (events, turn) = Fixtures.Parse(Cli, "gemini-out.jsonl");

        Assert.Equal(["Hello from ", "fake gemini."], events.Cast<BackendDelta>().Select(d => d.Text));
        Assert.Equal("11a3a524-1897-4f53-98f6-0ef90220b157", events[0].Source.Execution.SessionId);
        Assert.Equal("gemini-2.5-flash", events[0].Source.Model);
        Assert.True(turn.Finished);
        Assert.Equal("Hello from fake gemini.", turn.FinalText);
        Assert.Equal(new BackendUsage(30, 5) { CachedInputTokens = 0 }, turn.Usage);
        Assert.Null(Cli.ClassifyFailure(turn, exitCode: 0, stderrTail: string.Empty));
    }

    [Fact]
    public void A_tool_turn_reports_the_call_and_result_and_the_text_after_it_is_the_answer()
    {
        var (events, turn) = Fixtures.Parse(Cli, "gemini-tool.jsonl");

        Assert.Equal(["tool_call", "tool_result", "delta", "delta"], events.Select(e => e.Kind));
        var call = (BackendToolCall)events[0];
        Assert.Equal(("list_directory__list_directory_1795458030162_0", "list_directory", "{\"dir_path\":\".\"}"), (call.CallId, call.Name, call.Arguments));
        var result = (BackendToolResult)events[1];
        Assert.Equal((call.CallId, false), (result.CallId, result.IsError));
        Assert.Equal("Hello from fake gemini.", turn.FinalText);
    }

    [Theory]
    [InlineData("gemini-401", 145, BackendErrorCategory.Auth, false, 401)]
    [InlineData("gemini-503", 247, BackendErrorCategory.Provider, true, 503)]
    public void A_provider_error_takes_its_status_from_stderr(string name, int exitCode, BackendErrorCategory category, bool retryable, int status)
    {
        var (_, turn) = Fixtures.Parse(Cli, name + ".jsonl");
        var stderr = File.ReadAllText(Fixtures.PathOf(name + ".stderr.txt"));

        var error = Cli.ClassifyFailure(turn, exitCode, stderr);
        Assert.NotNull(error);
        Assert.Equal((category, retryable, status), (error.Category, error.Retryable, error.StatusCode));
        Assert.Contains("API Error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(41, BackendErrorCategory.Auth, false)]
    [InlineData(42, BackendErrorCategory.Config, false)]
    [InlineData(52, BackendErrorCategory.Config, false)]
    [InlineData(53, BackendErrorCategory.Unknown, false)]
    [InlineData(54, BackendErrorCategory.Unknown, false)]
    [InlineData(55, BackendErrorCategory.Config, false)]
    [InlineData(130, BackendErrorCategory.Canceled, false)]
    [InlineData(1, BackendErrorCategory.Unknown, false)]
    public void The_documented_exit_codes_map_to_the_taxonomy(int exitCode, BackendErrorCategory category, bool retryable)
    {
        var (_, turn) = Fixtures.ParseLines(Cli, ["""{"type":"init","session_id":"s","model":"m"}"""]);

        var error = Cli.ClassifyFailure(turn, exitCode, "some stderr");
        Assert.NotNull(error);
        Assert.Equal((category, retryable), (error.Category, error.Retryable));
        Assert.Contains("some stderr", error.Message, StringComparison.Ordinal);
    }
}
