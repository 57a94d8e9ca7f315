// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Which of the host's environment variables a command inherits before exclusions apply.</summary>
public enum EnvironmentInheritance
{
    /// <summary>Every variable except the excluded ones.</summary>
    All,

    /// <summary>Only the core variables (<c>PATH</c>, <c>HOME</c>, language tool paths...) and the allowed names.</summary>
    CoreOnly,

    /// <summary>Nothing but the allowed names: a clean start.</summary>
    None,
}
