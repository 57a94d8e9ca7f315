// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// Where tools run: file operations, commands and searches. The agent's tools only talk to this interface, so the
/// same tools run locally, in a container, on a remote host over SSH or anywhere else an implementation reaches.
/// </summary>
/// <remarks>Relative paths are resolved against <see cref="WorkingDirectory"/>.</remarks>
public interface IExecutionEnvironment
{
    /// <summary>Gets the directory relative paths and commands start from.</summary>
    string WorkingDirectory { get; }

    /// <summary>Gets the platform name: <c>linux</c>, <c>darwin</c>, <c>windows</c> or another the environment reports (e.g. <c>wasm</c>).</summary>
    string Platform { get; }

    /// <summary>Gets a human-readable operating system version.</summary>
    string OSVersion { get; }

    /// <summary>Prepares the environment (e.g. starts a container). Called once before the first operation.</summary>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A task that completes when the environment is ready.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="InitializeAsync"/> acquired.</summary>
    /// <param name="cancellationToken">Cancels the cleanup.</param>
    /// <returns>A task that completes when the environment is released.</returns>
    Task CleanupAsync(CancellationToken cancellationToken);

    /// <summary>Reads a text file, optionally a range of its lines.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="offset">The 1-based first line to read, or null for the first line.</param>
    /// <param name="limit">The maximum number of lines to read, or null for all of them.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text of the requested lines, line breaks kept.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is binary.</exception>
    Task<string> ReadFileAsync(string path, int? offset, int? limit, CancellationToken cancellationToken);

    /// <summary>Writes a text file (UTF-8), creating it and its parent directories when needed and replacing it otherwise.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="content">The full content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    Task WriteFileAsync(string path, string content, CancellationToken cancellationToken);

    /// <summary>Tells whether a file or directory exists.</summary>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when something exists at the path.</returns>
    Task<bool> FileExistsAsync(string path, CancellationToken cancellationToken);

    /// <summary>Lists a directory.</summary>
    /// <param name="path">The directory.</param>
    /// <param name="depth">How deep to descend: 1 lists only the directory's own entries.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The entries, names relative to <paramref name="path"/> with <c>/</c> separators, sorted ordinally.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    Task<IReadOnlyList<DirEntry>> ListDirectoryAsync(string path, int depth, CancellationToken cancellationToken);

    /// <summary>Runs a shell command and collects its output. A command that runs past its timeout is terminated and reported with <see cref="ExecResult.TimedOut"/>.</summary>
    /// <param name="command">The command line for the platform's shell.</param>
    /// <param name="timeout">How long the command may run.</param>
    /// <param name="workingDirectory">The directory to run in, or null for <see cref="WorkingDirectory"/>.</param>
    /// <param name="environmentVariables">Variables to set on top of the filtered inherited environment, or null.</param>
    /// <param name="cancellationToken">Terminates the command and cancels the call.</param>
    /// <returns>The collected output, exit code and duration.</returns>
    Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a shell command like <see cref="ExecCommandAsync(string, TimeSpan, string?, IReadOnlyDictionary{string, string}?, CancellationToken)"/>
    /// and reports its output through <paramref name="onOutput"/> while it runs.
    /// </summary>
    /// <remarks>
    /// Implementations that cannot stream need not override this: the default runs the command to the end and then
    /// reports its standard output and standard error as one chunk each. <paramref name="onOutput"/> may be called
    /// from several threads, but never after the returned task completed; it must not throw.
    /// </remarks>
    /// <param name="command">The command line for the platform's shell.</param>
    /// <param name="timeout">How long the command may run.</param>
    /// <param name="workingDirectory">The directory to run in, or null for <see cref="WorkingDirectory"/>.</param>
    /// <param name="environmentVariables">Variables to set on top of the filtered inherited environment, or null.</param>
    /// <param name="onOutput">Receives output as it arrives, or null to only collect it.</param>
    /// <param name="cancellationToken">Terminates the command and cancels the call.</param>
    /// <returns>The collected output, exit code and duration.</returns>
    async Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, Action<CommandOutputChunk>? onOutput, CancellationToken cancellationToken)
    {
        var result = await ExecCommandAsync(command, timeout, workingDirectory, environmentVariables, cancellationToken).ConfigureAwait(false);
        if (onOutput is not null)
        {
            if (result.Stdout.Length > 0)
            {
                onOutput(new CommandOutputChunk(result.Stdout, IsStandardError: false));
            }

            if (result.Stderr.Length > 0)
            {
                onOutput(new CommandOutputChunk(result.Stderr, IsStandardError: true));
            }
        }

        return result;
    }

    /// <summary>Searches file contents with a regular expression.</summary>
    /// <param name="pattern">The regular expression.</param>
    /// <param name="path">The file or directory to search.</param>
    /// <param name="options">Filters and limits.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>One <c>path:line:text</c> line per match, or an empty string when nothing matches.</returns>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    Task<string> GrepAsync(string pattern, string path, GrepOptions options, CancellationToken cancellationToken);

    /// <summary>Finds files whose path relative to <paramref name="path"/> matches a glob pattern (<c>*</c>, <c>**</c>, <c>?</c>, <c>[...]</c>, <c>{a,b}</c>).</summary>
    /// <param name="pattern">The glob pattern, e.g. <c>**/*.cs</c>.</param>
    /// <param name="path">The base directory.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>Full paths of the matching files, most recently modified first.</returns>
    /// <exception cref="DirectoryNotFoundException">The base directory does not exist.</exception>
    Task<IReadOnlyList<string>> GlobAsync(string pattern, string path, CancellationToken cancellationToken);
}
