// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests.Parity;

/// <summary>
/// Provider errors during a session (spec Appendix B), once per provider in its own error shape: transient failures
/// are retried and the task finishes; an authentication error closes the session without retrying.
/// </summary>
public sealed class AgentErrorParityTests
{
    private static readonly SessionConfig FastRetries = new() { RetryPolicy = new RetryPolicy { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(20), Jitter = false } };

    public static TheoryData<string> Providers => new(AgentWire.Names);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rate_limit_and_server_errors_are_retried_and_the_task_completes(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider, FastRetries);
        var write = ModelCall.Of("call_write", "write_file", new { file_path = h.PathOf("out.txt"), content = "ok\n" });
        h.ScriptResponse(h.Wire.Error(429, "Rate limit reached; slow down.", retryAfter: "0"));
        h.Script(ModelTurn.Calling(write));
        h.ScriptResponse(h.Wire.Error(503, "The service is temporarily overloaded."));
        h.Script(ModelTurn.Say("Wrote out.txt."));

        await h.Session.SubmitAsync("Write ok to out.txt.");

        Assert.Equal("ok\n", h.Read("out.txt"));
        Assert.Equal(4, h.Requests.Count);
        Assert.Equal(h.Requests[0].Body, h.Requests[1].Body);
        Assert.Equal(h.Requests[2].Body, h.Requests[3].Body);
        Assert.False(Assert.Single(h.ResultsSentIn(2, write)).IsError);
        Assert.Equal(SessionState.Idle, h.Session.State);
        var events = await h.CloseAsync();
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.Error);
        Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stream_broken_before_any_text_is_retried(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider, FastRetries);
        var read = ModelCall.Of("call_read", "read_file", new { file_path = h.PathOf("in.txt") });
        h.Write("in.txt", "content\n");
        h.ScriptResponse(h.Wire.Sse(ModelTurn.Calling(read)) with { CutAfterEvents = 0 });
        h.Script(ModelTurn.Calling(read), ModelTurn.Say("Read it."));

        await h.Session.SubmitAsync("Read in.txt.");

        Assert.Equal(3, h.Requests.Count);
        Assert.Equal("1 | content\n", Assert.Single(h.ResultsSentIn(2, read)).Output);
        var events = await h.CloseAsync();
        Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallStart);
        Assert.Equal("Read it.", Assert.Single(events, e => e.Kind == SessionEventKind.AssistantTextEnd).GetString("text"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Authentication_error_closes_the_session_without_a_retry(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider, FastRetries);
        h.ScriptResponse(h.Wire.Error(401, "Invalid API key provided."));

        await Assert.ThrowsAsync<AuthenticationException>(() => h.Session.SubmitAsync("Hello."));

        Assert.Single(h.Requests);
        Assert.Equal(SessionState.Closed, h.Session.State);
        var events = await h.CloseAsync();
        var error = Assert.Single(events, e => e.Kind == SessionEventKind.Error);
        Assert.Equal(nameof(AuthenticationException), error.GetString("error_type"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => h.Session.SubmitAsync("Again."));
    }
}
