// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Timeouts of the shell tool (spec §5.4).</summary>
public sealed record ShellToolOptions
{
    /// <summary>Gets the timeout applied when the call sets no <c>timeout_ms</c>. Defaults to 10 seconds.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the upper bound of a per-call <c>timeout_ms</c>. Defaults to 10 minutes.</summary>
    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
