// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Rendering;

/// <summary>How a node ended in the run a diagram is coloured by.</summary>
internal enum NodeOutcome
{
    /// <summary>Not run (or no run to show).</summary>
    None,

    /// <summary>Succeeded, partially or fully.</summary>
    Success,

    /// <summary>Asked to be retried, and the run stopped there.</summary>
    Retry,

    /// <summary>Failed.</summary>
    Fail,
}
