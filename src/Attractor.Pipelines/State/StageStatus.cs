// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>The result kind of a stage (attractor-spec §5.2). Written in status.json in lower case.</summary>
public enum StageStatus
{
    /// <summary>The stage completed its work.</summary>
    Success,

    /// <summary>The stage completed with caveats; routed like success.</summary>
    PartialSuccess,

    /// <summary>The stage asks to be executed again.</summary>
    Retry,

    /// <summary>The stage failed.</summary>
    Fail,

    /// <summary>The stage was skipped; no outcome is recorded.</summary>
    Skipped,
}
