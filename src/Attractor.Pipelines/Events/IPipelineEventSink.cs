// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>Receives the engine's events; implementations must be thread-safe (parallel branches publish concurrently).</summary>
public interface IPipelineEventSink
{
    /// <summary>Publishes an event.</summary>
    void Publish(PipelineEvent pipelineEvent);
}
