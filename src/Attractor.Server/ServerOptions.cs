// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server;

/// <summary>How <see cref="AttractorServer"/> listens and where it keeps its runs. Every property has a safe default.</summary>
public sealed record ServerOptions
{
    /// <summary>The default port of <c>attractor serve</c>.</summary>
    public const int DefaultPort = 5180;

    /// <summary>Gets the address to bind; the default is the loopback address, reachable from this machine only.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Gets the port; 0 picks a free one (see <see cref="ServerHost.BaseAddress"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// Gets the workspace root: pipeline paths in requests are confined to it, and runs live in its
    /// <c>.attractor/runs</c>. Null means the current directory.
    /// </summary>
    public string? WorkspaceRoot { get; init; }

    /// <summary>
    /// Gets a value indicating whether a non-loopback <see cref="Host"/> is allowed. Submitting a pipeline runs its
    /// tool commands, so a remote bind also requires a bearer token (generated when <see cref="Token"/> is null).
    /// </summary>
    public bool AllowRemote { get; init; }

    /// <summary>Gets the bearer token every request must carry; null means none on loopback and a generated one on a remote bind.</summary>
    public string? Token { get; init; }

    /// <summary>Gets the Graphviz <c>dot</c> program used to draw graphs; null means <c>dot</c> on the PATH.</summary>
    public string? GraphvizPath { get; init; }

    /// <summary>
    /// Gets how the pipeline backends read environment variables (provider API keys, base URLs); null reads the
    /// process environment. The values never leave the server.
    /// </summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    /// <summary>Gets the largest request body accepted, in bytes (a DOT source is submitted in the body).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;
}
