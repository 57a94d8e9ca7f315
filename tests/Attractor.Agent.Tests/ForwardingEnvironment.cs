// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>
/// A consumer-written environment around a real one: everything forwards to <paramref name="inner"/>. Seen through
/// this type, code that special-cases <see cref="LocalExecutionEnvironment"/> takes its general path (e.g. deleting
/// through the shell); tests derive from it to observe or change commands.
/// </summary>
/// <param name="inner">The environment that does the work.</param>
internal class ForwardingEnvironment(IExecutionEnvironment inner) : IExecutionEnvironment
{
    public string WorkingDirectory => inner.WorkingDirectory;

    public string Platform => inner.Platform;

    public string OSVersion => inner.OSVersion;

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task CleanupAsync(CancellationToken cancellationToken) => inner.CleanupAsync(cancellationToken);

    public Task<string> ReadFileAsync(string path, int? offset, int? limit, CancellationToken cancellationToken) =>
        inner.ReadFileAsync(path, offset, limit, cancellationToken);

    public Task WriteFileAsync(string path, string content, CancellationToken cancellationToken) =>
        inner.WriteFileAsync(path, content, cancellationToken);

    public Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken) => inner.FileExistsAsync(path, cancellationToken);

    public Task<IReadOnlyList<DirEntry>> ListDirectoryAsync(string path, int depth, CancellationToken cancellationToken) =>
        inner.ListDirectoryAsync(path, depth, cancellationToken);

    public virtual Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, CancellationToken cancellationToken) =>
        inner.ExecCommandAsync(command, timeout, workingDirectory, environmentVariables, cancellationToken);

    public Task<string> GrepAsync(string pattern, string path, GrepOptions options, CancellationToken cancellationToken) =>
        inner.GrepAsync(pattern, path, options, cancellationToken);

    public Task<IReadOnlyList<string>> GlobAsync(string pattern, string path, CancellationToken cancellationToken) =>
        inner.GlobAsync(pattern, path, cancellationToken);
}
