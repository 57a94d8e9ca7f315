// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using Attractor.Server.Api;
using Attractor.Server.Graph;
using Attractor.Server.Runs;
using Attractor.Server.Security;
using Attractor.Server.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attractor.Server;

/// <summary>
/// <c>attractor serve</c>: the pipeline engine over HTTP (attractor-spec §9.5) — submit pipelines, watch their
/// events live, answer human gates from the web, cancel and resume — with a browser UI at <c>/</c>.
/// </summary>
public static class AttractorServer
{
    /// <summary>Starts a server; it runs until <see cref="ServerHost.StopAsync"/>.</summary>
    /// <param name="options">Where to listen and the workspace.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">The options are not usable (a remote bind without <see cref="ServerOptions.AllowRemote"/>, a missing workspace, ...); the message says why.</exception>
    public static async Task<ServerHost> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = ParseHost(options.Host);
        var loopback = IPAddress.IsLoopback(address);
        if (!loopback && !options.AllowRemote)
        {
            throw new ArgumentException($"binding to '{options.Host}' makes the server reachable from other machines, and submitting a pipeline runs its tool commands; pass --allow-remote to do it anyway (a bearer token is then required)");
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port {options.Port} is not between 0 and 65535");
        }

        if (options.Token is { } given && (given.Length < 16 || given.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("the token must be at least 16 characters without spaces");
        }

        var workspace = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.WorkspaceRoot ?? Directory.GetCurrentDirectory()));
        if (!Directory.Exists(workspace))
        {
            throw new ArgumentException($"the workspace '{workspace}' does not exist");
        }

        var token = options.Token ?? (loopback ? null : RandomNumberGenerator.GetHexString(32, lowercase: true));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AttractorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Listen(address, options.Port);
        });

        var runs = new RunRegistry(workspace, options.GetEnvironmentVariable);
        await runs.ScanAsync(cancellationToken).ConfigureAwait(false);
        var access = new AccessPolicy(token, loopback);

        var app = builder.Build();
        app.Use(access.InvokeAsync);
        UiEndpoints.Map(app);
        PipelineEndpoints.Map(app, runs, new GraphRenderer(options.GraphvizPath), access);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServerHost(app, runs, new Uri(bound.EndsWith('/') ? bound : bound + "/"), token, workspace);
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (host is "*" or "+")
        {
            return IPAddress.Any;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? address
            : throw new ArgumentException($"host '{host}' is not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1) or localhost");
    }
}
