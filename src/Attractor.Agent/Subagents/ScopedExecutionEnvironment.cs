// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// A parent's environment seen from one of its subdirectories (spawn_agent's <c>working_dir</c>): the same file system and
/// processes, with relative paths and commands starting from the subdirectory.
/// </summary>
/// <param name="inner">The parent's environment, which does the work.</param>
/// <param name="workingDirectory">The absolute subdirectory.</param>
internal sealed class ScopedExecutionEnvironment(IExecutionEnvironment inner, string workingDirectory) : IExecutionEnvironment
{
    public string WorkingDirectory => workingDirectory;

    public string Platform => inner.Platform;

    public string OSVersion => inner.OSVersion;

    // The parent session's owner initializes and cleans up the shared environment; a subagent must not do it twice.
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> ReadFileAsync(string path, int? offset, int? limit, CancellationToken cancellationToken) =>
        inner.ReadFileAsync(Resolve(path), offset, limit, cancellationToken);

    public Task WriteFileAsync(string path, string content, CancellationToken cancellationToken) =>
        inner.WriteFileAsync(Resolve(path), content, cancellationToken);

    public Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken) => inner.FileExistsAsync(Resolve(path), cancellationToken);

    public Task<IReadOnlyList<DirEntry>> ListDirectoryAsync(string path, int depth, CancellationToken cancellationToken) =>
        inner.ListDirectoryAsync(Resolve(path), depth, cancellationToken);

    public Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, CancellationToken cancellationToken) =>
        inner.ExecCommandAsync(command, timeout, workingDirectory is null ? WorkingDirectory : Resolve(workingDirectory), environmentVariables, cancellationToken);

    public Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, Action<CommandOutputChunk>? onOutput, CancellationToken cancellationToken) =>
        inner.ExecCommandAsync(command, timeout, workingDirectory is null ? WorkingDirectory : Resolve(workingDirectory), environmentVariables, onOutput, cancellationToken);

    public Task<string> GrepAsync(string pattern, string path, GrepOptions options, CancellationToken cancellationToken) =>
        inner.GrepAsync(pattern, Resolve(path), options, cancellationToken);

    public Task<IReadOnlyList<string>> GlobAsync(string pattern, string path, CancellationToken cancellationToken) =>
        inner.GlobAsync(pattern, Resolve(path), cancellationToken);

    // An empty path goes through unchanged so the inner environment reports it as it always does.
    private string Resolve(string path) => string.IsNullOrEmpty(path) ? path : Path.GetFullPath(path, WorkingDirectory);
}
