// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Server.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Attractor.Server;

/// <summary>A running server: its address, its token and how to stop it. Stopping cancels live runs, which keep their checkpoints and can be resumed by the next server.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RunRegistry _runs;
    private int _stopped;

    internal ServerHost(WebApplication app, RunRegistry runs, Uri baseAddress, string? token, string workspaceRoot)
    {
        _app = app;
        _runs = runs;
        BaseAddress = baseAddress;
        Token = token;
        WorkspaceRoot = workspaceRoot;
    }

    /// <summary>Gets the address the server listens on, ending with <c>/</c> (the bound port when 0 was asked for).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the bearer token requests must carry, or null when none is required.</summary>
    public string? Token { get; }

    /// <summary>Gets the absolute workspace root.</summary>
    public string WorkspaceRoot { get; }

    internal RunRegistry Runs => _runs;

    /// <summary>Waits until the server stops (or the token is cancelled).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server: live runs are cancelled (their checkpoints stay), open event streams end.</summary>
    /// <param name="cancellationToken">Makes the stop less graceful.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _runs.ShutdownAsync(cancellationToken).ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _runs.Dispose();
    }
}
