// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Llm;

/// <summary>
/// Collects stream events into a <see cref="Response"/>, so code written for <see cref="LlmClient.CompleteAsync"/>
/// works with streams. The finish event's response, when the adapter supplies one, is returned as is (it carries
/// what deltas cannot, such as reasoning signatures); otherwise the response is assembled from the deltas.
/// </summary>
public sealed class StreamAccumulator
{
    private readonly List<Segment> segments = [];
    private readonly List<Warning> warnings = [];
    private readonly string provider;
    private readonly string model;
    private Response? finished;

    /// <summary>Initializes an accumulator.</summary>
    /// <param name="provider">The provider to report when the stream does not supply a final response.</param>
    /// <param name="model">The model to report when the stream does not supply a final response.</param>
    public StreamAccumulator(string? provider = null, string? model = null)
    {
        this.provider = provider ?? string.Empty;
        this.model = model ?? string.Empty;
    }

    /// <summary>Gets whether a finish event was processed.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>Gets the finish reason, once known.</summary>
    public FinishReason? FinishReason { get; private set; }

    /// <summary>Gets the usage, once known.</summary>
    public Usage? Usage { get; private set; }

    /// <summary>Gets the error of an error event, if one was processed.</summary>
    public LlmException? Error { get; private set; }

    /// <summary>Processes one event.</summary>
    /// <param name="streamEvent">The event.</param>
    public void Process(StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        switch (streamEvent.Type)
        {
            case StreamEventType.StreamStart:
                warnings.AddRange(streamEvent.Warnings ?? []);
                break;
            case StreamEventType.TextStart:
                segments.Add(new Segment(SegmentKind.Text, streamEvent.TextId));
                break;
            case StreamEventType.TextDelta:
                Open(SegmentKind.Text, streamEvent.TextId).Builder.Append(streamEvent.Delta);
                break;
            case StreamEventType.TextEnd:
                Close(SegmentKind.Text, streamEvent.TextId);
                break;
            case StreamEventType.ReasoningStart:
                segments.Add(new Segment(SegmentKind.Reasoning, null));
                break;
            case StreamEventType.ReasoningDelta:
                Open(SegmentKind.Reasoning, null).Builder.Append(streamEvent.ReasoningDelta);
                break;
            case StreamEventType.ReasoningEnd:
                Close(SegmentKind.Reasoning, null);
                break;
            case StreamEventType.ToolCallStart:
                segments.Add(new Segment(SegmentKind.ToolCall, streamEvent.ToolCall?.Id) { Name = streamEvent.ToolCall?.Name });
                break;
            case StreamEventType.ToolCallDelta:
                var call = Open(SegmentKind.ToolCall, streamEvent.ToolCall?.Id);
                call.Name ??= streamEvent.ToolCall?.Name;
                call.Builder.Append(streamEvent.Delta);
                break;
            case StreamEventType.ToolCallEnd:
                if (streamEvent.ToolCall is { } complete)
                {
                    var segment = Find(SegmentKind.ToolCall, complete.Id, openOnly: false) ?? Add(SegmentKind.ToolCall, complete.Id);
                    segment.Complete = complete;
                    segment.Closed = true;
                }
                else
                {
                    Close(SegmentKind.ToolCall, null);
                }

                break;
            case StreamEventType.StepFinish:
            case StreamEventType.Finish:
                IsFinished = streamEvent.Type == StreamEventType.Finish || IsFinished;
                FinishReason = streamEvent.FinishReason ?? streamEvent.Response?.FinishReason ?? FinishReason;
                Usage = streamEvent.Usage ?? streamEvent.Response?.Usage ?? Usage;
                finished = streamEvent.Response ?? finished;
                break;
            case StreamEventType.Error:
                Error = streamEvent.Error ?? Error;
                break;
        }
    }

    /// <summary>
    /// Returns the response: the one the finish event carried, or one assembled from everything processed so far
    /// (also usable mid-stream as a partial response).
    /// </summary>
    /// <returns>The response.</returns>
    public Response GetResponse() => finished ?? Assemble();

    /// <summary>Returns the response assembled from the events processed so far, ignoring any finish event's response.</summary>
    /// <returns>The partial response.</returns>
    public Response Assemble()
    {
        var parts = new List<ContentPart>(segments.Count);
        foreach (var segment in segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Text:
                    parts.Add(ContentPart.FromText(segment.Builder.ToString()));
                    break;
                case SegmentKind.Reasoning:
                    parts.Add(ContentPart.FromThinking(new ThinkingData(segment.Builder.ToString())));
                    break;
                case SegmentKind.ToolCall:
                    var arguments = segment.Complete?.RawArguments ?? segment.Builder.ToString();
                    parts.Add(ContentPart.FromToolCall(new ToolCallData(segment.Complete?.Id ?? segment.Id ?? string.Empty, segment.Complete?.Name ?? segment.Name ?? string.Empty, arguments)));
                    break;
            }
        }

        return new Response
        {
            Id = string.Empty,
            Model = model,
            Provider = provider,
            Message = new Message(Role.Assistant, parts),
            FinishReason = FinishReason ?? new FinishReason(Attractor.Llm.FinishReason.Other),
            Usage = Usage ?? Usage.Empty,
            Warnings = [.. warnings],
        };
    }

    private Segment Open(SegmentKind kind, string? id) =>
        (id is null ? LastOpen(kind) : Find(kind, id, openOnly: true)) ?? Add(kind, id);

    private void Close(SegmentKind kind, string? id)
    {
        if ((id is null ? LastOpen(kind) : Find(kind, id, openOnly: true)) is { } segment)
        {
            segment.Closed = true;
        }
    }

    private Segment? LastOpen(SegmentKind kind)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            if (segments[i].Kind == kind && !segments[i].Closed)
            {
                return segments[i];
            }
        }

        return null;
    }

    private Segment? Find(SegmentKind kind, string? id, bool openOnly)
    {
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.Kind == kind && string.Equals(segment.Id, id, StringComparison.Ordinal) && (!openOnly || !segment.Closed))
            {
                return segment;
            }
        }

        return null;
    }

    private Segment Add(SegmentKind kind, string? id)
    {
        var segment = new Segment(kind, id);
        segments.Add(segment);
        return segment;
    }

    private enum SegmentKind
    {
        Text,
        Reasoning,
        ToolCall,
    }

    private sealed class Segment(SegmentKind kind, string? id)
    {
        public SegmentKind Kind { get; } = kind;

        public string? Id { get; } = id;

        public string? Name { get; set; }

        public StringBuilder Builder { get; } = new();

        public ToolCall? Complete { get; set; }

        public bool Closed { get; set; }
    }
}
