// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>How a <see cref="HarnessBackend"/> finds and runs its coding CLI.</summary>
public sealed record HarnessBackendOptions
{
    /// <summary>Gets the CLI executable to run; null searches <see cref="SearchDirectories"/>, the install script's cache folder and <c>PATH</c>.</summary>
    public string? ExecutablePath { get; init; }

    /// <summary>Gets folders searched for the executable before the defaults.</summary>
    public IReadOnlyList<string> SearchDirectories { get; init; } = [];

    /// <summary>Gets environment variables set for the CLI (a null value removes one); the rest is inherited.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Gets the pipeline's workspace, the CLI's working directory; null means the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets extra command-line arguments, placed before the prompt.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Gets the provider reported on events, when the CLI is configured for another than its default.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets how long the CLI's process group has after SIGTERM before SIGKILL when an attempt is canceled.</summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets an observer of every event of <see cref="HarnessBackend.RunAsync"/> (called in order, on the running task).</summary>
    public Action<BackendEvent>? OnEvent { get; init; }
}
