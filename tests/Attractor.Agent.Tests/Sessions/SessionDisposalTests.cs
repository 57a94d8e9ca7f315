// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>Disposing twice is allowed (the .NET dispose pattern): a host may close a session that an owner also disposes.</summary>
public sealed class SessionDisposalTests : IAsyncLifetime
{
    private SessionHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SessionHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Disposing_a_session_twice_is_harmless()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Hi."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);
        await session.SubmitAsync("Hello.");

        await session.DisposeAsync();
        await session.DisposeAsync();
        await session.AbortAsync();

        Assert.Equal(SessionState.Closed, session.State);
        Assert.Single(await collecting, e => e.Kind == SessionEventKind.SessionEnd);
    }
}
