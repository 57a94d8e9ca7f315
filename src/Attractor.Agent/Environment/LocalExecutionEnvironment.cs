// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Attractor.Processes;

namespace Attractor.Agent;

/// <summary>
/// Runs tools on the local machine (spec §4.2): direct file access with paths relative to the working directory, commands
/// through <c>/bin/bash -c</c> (<c>cmd.exe /c</c> on Windows) in their own process group with secrets filtered from the
/// environment, ripgrep for searches when it is installed.
/// </summary>
public sealed class LocalExecutionEnvironment : IExecutionEnvironment
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private readonly LocalExecutionEnvironmentOptions _options;

    /// <summary>Initializes an environment rooted at <paramref name="workingDirectory"/>.</summary>
    /// <param name="workingDirectory">The directory relative paths and commands start from.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public LocalExecutionEnvironment(string workingDirectory, LocalExecutionEnvironmentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        _options = options ?? new LocalExecutionEnvironmentOptions();
    }

    /// <inheritdoc/>
    public string WorkingDirectory { get; }

    /// <inheritdoc/>
    public string Platform =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsLinux() ? "linux" : RuntimeInformation.OSDescription;

    /// <inheritdoc/>
    public string OSVersion => RuntimeInformation.OSDescription;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(WorkingDirectory))
        {
            throw new DirectoryNotFoundException($"Working directory not found: {WorkingDirectory}");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task CleanupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task<string> ReadFileAsync(string path, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var fullPath = Resolve(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(Directory.Exists(fullPath) ? $"Is a directory, not a file: {fullPath}" : $"File not found: {fullPath}", fullPath);
        }

        var bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
        {
            throw new InvalidDataException($"Binary file, not shown: {fullPath} ({bytes.Length} bytes)");
        }

        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        if (offset is null && limit is null)
        {
            return text;
        }

        var first = Math.Max(1, offset ?? 1);
        var count = limit ?? int.MaxValue;
        var builder = new StringBuilder();
        var line = 1;
        var start = 0;
        while (start < text.Length && count > 0)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            if (line >= first)
            {
                builder.Append(text, start, end - start);
                count--;
            }

            line++;
            start = end;
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    public async Task WriteFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fullPath = Resolve(path);
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(fullPath, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = Resolve(path);
        return Task.FromResult(File.Exists(fullPath) || Directory.Exists(fullPath));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<DirEntry>> ListDirectoryAsync(string path, int depth, CancellationToken cancellationToken)
    {
        var root = Resolve(path);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Directory not found: {root}");
        }

        var entries = new List<DirEntry>();
        var pending = new Queue<(DirectoryInfo Directory, int Level)>();
        pending.Enqueue((new DirectoryInfo(root), 1));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, level) = pending.Dequeue();
            foreach (var info in SafeEnumerate(directory))
            {
                var name = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
                if (info is DirectoryInfo subdirectory)
                {
                    entries.Add(new DirEntry(name, true, null));
                    if (level < depth && !subdirectory.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Enqueue((subdirectory, level + 1));
                    }
                }
                else
                {
                    entries.Add(new DirEntry(name, false, ((FileInfo)info).Length));
                }
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Task.FromResult<IReadOnlyList<DirEntry>>(entries);
    }

    /// <inheritdoc/>
    public Task<ExecResult> ExecCommandAsync(
        string command,
        TimeSpan timeout,
        string? workingDirectory,
        IReadOnlyDictionary<string, string>? environmentVariables,
        CancellationToken cancellationToken) =>
        ExecCommandAsync(command, timeout, workingDirectory, environmentVariables, null, cancellationToken);

    /// <inheritdoc/>
    public async Task<ExecResult> ExecCommandAsync(
        string command,
        TimeSpan timeout,
        string? workingDirectory,
        IReadOnlyDictionary<string, string>? environmentVariables,
        Action<CommandOutputChunk>? onOutput,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var startInfo = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory is null ? WorkingDirectory : Resolve(workingDirectory),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        var ownGroup = ProcessGroup.Configure(startInfo, command, "/bin/bash");
        startInfo.Environment.Clear();
        foreach (var (name, value) in _options.EnvironmentPolicy.Apply(System.Environment.GetEnvironmentVariables()))
        {
            startInfo.Environment[name] = value;
        }

        if (environmentVariables is not null)
        {
            foreach (var (name, value) in environmentVariables)
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start the shell for '{command}': {exception.Message}", exception);
        }

        // No input: a command waiting on stdin sees end of file instead of hanging until the timeout.
        process.StandardInput.Close();
        var stdout = new StreamCollector(process.StandardOutput, onOutput, isStandardError: false);
        var stderr = new StreamCollector(process.StandardError, onOutput, isStandardError: true);

        var timedOut = false;
        using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeoutSource.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                await ProcessGroup.TerminateAsync(process, ownGroup, _options.KillGracePeriod).ConfigureAwait(false);
            }
        }

        stopwatch.Stop();
        if (!timedOut && ownGroup)
        {
            // The shell is gone, but background jobs in its group would keep the pipes open and outlive the call.
            await ProcessGroup.EndGroupAsync(process.Id, _options.KillGracePeriod).ConfigureAwait(false);
        }

        // A process that escaped the group (its own setsid) may still hold the pipes: take what has arrived.
        await Task.WhenAny(Task.WhenAll(stdout.Completion, stderr.Completion), Task.Delay(DrainTimeout, CancellationToken.None)).ConfigureAwait(false);
        stdout.StopReporting();
        stderr.StopReporting();
        cancellationToken.ThrowIfCancellationRequested();

        var exitCode = process.HasExited ? process.ExitCode : -1;
        return new ExecResult(stdout.Text, stderr.Text, exitCode, timedOut, stopwatch.Elapsed);
    }

    /// <inheritdoc/>
    public Task<string> GrepAsync(string pattern, string path, GrepOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = Resolve(path);
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            throw new FileNotFoundException($"Path not found: {fullPath}", fullPath);
        }

        var ripgrep = _options.Grep == GrepImplementation.Auto ? Ripgrep.Path : null;
        return ripgrep is null
            ? Task.FromResult(ManagedGrep.Search(pattern, fullPath, options, cancellationToken))
            : Ripgrep.SearchAsync(ripgrep, pattern, fullPath, options, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> GlobAsync(string pattern, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var root = Resolve(path);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Directory not found: {root}");
        }

        var regex = GlobPattern.Compile(pattern.Replace('\\', '/').TrimStart('/'), ignoreCase: OperatingSystem.IsWindows());
        var matches = new List<FileInfo>();
        foreach (var file in FileWalker.Files(root, cancellationToken))
        {
            if (regex.IsMatch(Path.GetRelativePath(root, file.FullName).Replace('\\', '/')))
            {
                matches.Add(file);
            }
        }

        IReadOnlyList<string> result = [.. matches
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.FullName, StringComparer.Ordinal)
            .Select(file => file.FullName)];
        return Task.FromResult(result);
    }

    private static List<FileSystemInfo> SafeEnumerate(DirectoryInfo directory)
    {
        try
        {
            return directory.EnumerateFileSystemInfos().ToList();
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetFullPath(path, WorkingDirectory);
    }

    /// <summary>Reads a stream to its end in the background, keeping what arrived so far readable at any time and reporting each piece.</summary>
    private sealed class StreamCollector
    {
        private readonly StringBuilder _text = new();
        private readonly bool _isStandardError;
        private Action<CommandOutputChunk>? _onOutput;

        public StreamCollector(StreamReader reader, Action<CommandOutputChunk>? onOutput, bool isStandardError)
        {
            _onOutput = onOutput;
            _isStandardError = isStandardError;
            Completion = ReadAsync(reader);
        }

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        /// <summary>Ends reporting: a straggler that still holds the pipe after the call returned is only collected.</summary>
        public void StopReporting()
        {
            lock (_text)
            {
                _onOutput = null;
            }
        }

        private async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[8192];
            try
            {
                int read;
                while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
                {
                    lock (_text)
                    {
                        _text.Append(buffer, 0, read);

                        // Under the lock so no report can follow StopReporting: the caller's sink may be gone by then.
                        _onOutput?.Invoke(new CommandOutputChunk(new string(buffer, 0, read), _isStandardError));
                    }
                }
            }
            catch (IOException)
            {
                // The pipe broke when the process was killed; keep what was read.
            }
            catch (ObjectDisposedException)
            {
                // The process object was disposed while a straggler held the pipe.
            }
        }
    }
}
