// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Threading.Channels;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines;

/// <summary>
/// A run in progress, for the stream pattern of attractor-spec §9.6: read <see cref="Events"/> with
/// <c>await foreach</c> while it runs, then await <see cref="Completion"/> for the result.
/// </summary>
public sealed class PipelineRun
{
    private readonly ChannelReader<PipelineEvent> _events;

    internal PipelineRun(ChannelReader<PipelineEvent> events, Task<PipelineResult> completion)
    {
        _events = events;
        Completion = completion;
    }

    /// <summary>
    /// Gets every event of the run in order; the sequence ends when the run ends, and throws the
    /// run's exception (e.g. cancellation or a validation error) when it ended with one. Read it
    /// once: events are handed out, not replayed.
    /// </summary>
    public IAsyncEnumerable<PipelineEvent> Events => _events.ReadAllAsync();

    /// <summary>Gets the task that completes with the run's result.</summary>
    public Task<PipelineResult> Completion { get; }
}
