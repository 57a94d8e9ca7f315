// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;

namespace Attractor.Server.Tests;

public sealed class AccessTests : IDisposable
{
    private static readonly string[] GetEndpoints =
        ["pipelines", "pipelines/{id}", "pipelines/{id}/events", "pipelines/{id}/graph?format=json", "pipelines/{id}/questions", "pipelines/{id}/checkpoint", "pipelines/{id}/context", "pipelines/{id}/files/start/status.json"];

    private static readonly string[] PostEndpoints =
        ["pipelines", "pipelines/{id}/cancel", "pipelines/{id}/resume", "pipelines/{id}/questions/q/answer", "session"];

    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_remote_bind_needs_allow_remote()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => AttractorServer.StartAsync(new ServerOptions { Host = "0.0.0.0", Port = 0, WorkspaceRoot = _workspace.Root }));
        Assert.Contains("--allow-remote", refused.Message, StringComparison.Ordinal);

        var shortToken = await Assert.ThrowsAsync<ArgumentException>(() => AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, Token = "short" }));
        Assert.Contains("16 characters", shortToken.Message, StringComparison.Ordinal);

        var badHost = await Assert.ThrowsAsync<ArgumentException>(() => AttractorServer.StartAsync(new ServerOptions { Host = "example.org", Port = 0, WorkspaceRoot = _workspace.Root }));
        Assert.Contains("not an IP address", badHost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_server_generates_a_token_and_every_endpoint_requires_it()
    {
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Host = "0.0.0.0", Port = 0, AllowRemote = true, WorkspaceRoot = _workspace.Root });
        Assert.NotNull(server.Token);
        Assert.True(server.Token.Length >= 32);
        var local = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}/");

        using var authorized = new ServerClient(local, server.Token);
        var id = await authorized.StartAsync(new { source = Pipelines.Simple });
        await authorized.WaitForStatusAsync(id, "succeeded");

        using var anonymous = new ServerClient(local);
        foreach (var endpoint in GetEndpoints)
        {
            var (status, body) = await anonymous.GetAsync(endpoint.Replace("{id}", id, StringComparison.Ordinal));
            Assert.True(status == HttpStatusCode.Unauthorized, $"GET {endpoint}: {status}");
            Assert.Contains("token", body.Str("error"), StringComparison.Ordinal);
        }

        foreach (var endpoint in PostEndpoints)
        {
            var (status, _) = await anonymous.PostAsync(endpoint.Replace("{id}", id, StringComparison.Ordinal), new { source = Pipelines.Simple });
            Assert.True(status == HttpStatusCode.Unauthorized, $"POST {endpoint}: {status}");
        }

        using var wrong = new ServerClient(local, new string('x', 64));
        var (wrongStatus, _) = await wrong.GetAsync("pipelines");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);

        foreach (var endpoint in GetEndpoints)
        {
            var (status, _) = await authorized.GetAsync(endpoint.Replace("{id}", id, StringComparison.Ordinal).Replace("/events", "/questions", StringComparison.Ordinal));
            Assert.True(status == HttpStatusCode.OK, $"GET {endpoint} with the token: {status}");
        }

        // The page itself holds no data and loads without the token, so it can ask for it.
        using var page = await anonymous.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_ui_trades_the_token_for_a_same_site_cookie()
    {
        var token = new string('t', 40);
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, Token = token });
        using var handler = new HttpClientHandler { UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using (var before = await http.GetAsync("pipelines"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        using var session = new HttpRequestMessage(HttpMethod.Post, "session");
        session.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using (var response = await http.SendAsync(session))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using var after = await http.GetAsync("pipelines");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
