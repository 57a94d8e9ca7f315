// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Which search engine <see cref="LocalExecutionEnvironment.GrepAsync"/> uses.</summary>
public enum GrepImplementation
{
    /// <summary>ripgrep when <c>rg</c> is on <c>PATH</c>, the managed search otherwise.</summary>
    Auto,

    /// <summary>Always the managed (.NET regex) search.</summary>
    Managed,
}
