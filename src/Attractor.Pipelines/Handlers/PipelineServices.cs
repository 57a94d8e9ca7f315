// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Handlers;

/// <summary>The run-wide services handed to every handler.</summary>
public sealed class PipelineServices
{
    /// <summary>Gets the LLM backend; null means simulation mode.</summary>
    public ICodergenBackend? Backend { get; init; }

    /// <summary>Gets the interviewer for human gates.</summary>
    public required IInterviewer Interviewer { get; init; }

    /// <summary>Gets the event sink.</summary>
    public required IPipelineEventSink Events { get; init; }

    /// <summary>Gets the runner of sub-graphs, used by parallel and manager handlers.</summary>
    public required IBranchRunner Branches { get; init; }
}
