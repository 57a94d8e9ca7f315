// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>The three categories every execution error falls into (attractor-spec Appendix D).</summary>
public enum ErrorCategory
{
    /// <summary>A transient failure (timeout, network, rate limit, server error): retried per the node's retry policy.</summary>
    Retryable,

    /// <summary>A permanent failure (bad argument, invalid state or configuration, missing input, no permission): never retried.</summary>
    Terminal,

    /// <summary>A structural failure of the pipeline itself (e.g. it does not validate): never retried, and the run stops without failure routing.</summary>
    Pipeline,
}
