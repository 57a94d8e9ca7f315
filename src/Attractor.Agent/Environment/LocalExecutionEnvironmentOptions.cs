// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Settings of a <see cref="LocalExecutionEnvironment"/>.</summary>
public sealed record LocalExecutionEnvironmentOptions
{
    /// <summary>Gets the policy filtering the variables commands inherit. Defaults to <see cref="EnvironmentVariablePolicy.Default"/> (secrets excluded).</summary>
    public EnvironmentVariablePolicy EnvironmentPolicy { get; init; } = EnvironmentVariablePolicy.Default;

    /// <summary>Gets how long a timed-out command's process group has between SIGTERM and SIGKILL. Defaults to 2 seconds (spec §5.4).</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets the search engine for grep. Defaults to <see cref="GrepImplementation.Auto"/>.</summary>
    public GrepImplementation Grep { get; init; } = GrepImplementation.Auto;
}
