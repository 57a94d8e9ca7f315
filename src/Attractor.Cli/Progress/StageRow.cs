// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Progress;

/// <summary>One execution of one node in the live view; a node visited again (a loop) gets a new row.</summary>
internal sealed class StageRow
{
    public StageRow(string nodeId, string handlerType, DateTimeOffset started)
    {
        NodeId = nodeId;
        HandlerType = handlerType;
        Started = started;
    }

    public string NodeId { get; }

    public string HandlerType { get; }

    public DateTimeOffset Started { get; }

    public StageState State { get; set; } = StageState.Running;

    /// <summary>Gets or sets how long the stage took, once it has finished.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>Gets or sets the row's last note: the question, the retry attempt, the failure reason.</summary>
    public string Detail { get; set; } = string.Empty;

    /// <summary>Gets the time shown: the duration once finished, else the time since it started.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset now) => Duration ?? (now > Started ? now - Started : TimeSpan.Zero);
}
