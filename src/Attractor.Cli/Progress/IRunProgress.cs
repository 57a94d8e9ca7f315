// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Progress;

/// <summary>
/// Shows a run's progress. The engine hands events to <see cref="Publish"/> synchronously (possibly from
/// parallel branches at once); drawing happens in <see cref="RenderAsync"/>, so a slow terminal never
/// holds up the pipeline.
/// </summary>
internal interface IRunProgress
{
    /// <summary>Queues an event; thread-safe and non-blocking.</summary>
    void Publish(PipelineEvent pipelineEvent);

    /// <summary>Queues what an agent-backend session did in a stage (tool calls, its answer); thread-safe and non-blocking.</summary>
    void PublishAgent(AgentStageEvent agentEvent);

    /// <summary>Draws queued events until <see cref="Complete"/> is called and everything queued is drawn.</summary>
    Task RenderAsync();

    /// <summary>Ends <see cref="RenderAsync"/> once the queue is drawn.</summary>
    void Complete();

    /// <summary>Draws everything queued so far and hands the terminal over (to a question for a human) until <see cref="Resume"/>.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task SuspendAsync(CancellationToken cancellationToken);

    /// <summary>Takes the terminal back after <see cref="SuspendAsync"/>.</summary>
    void Resume();
}
