// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>Keeps every published event.</summary>
internal sealed class RecordingEventSink : IPipelineEventSink
{
    private readonly ConcurrentQueue<PipelineEvent> _events = new();

    public IReadOnlyList<PipelineEvent> Events => [.. _events];

    public void Publish(PipelineEvent pipelineEvent) => _events.Enqueue(pipelineEvent);
}
