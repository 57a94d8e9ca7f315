// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Dot;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Progress;

/// <summary>
/// Formats engine events as the plain progress lines written when standard output is not a terminal:
/// exactly one line per event, <c>[mm:ss.ff] kind            subject details</c>, with the kind padded to a
/// fixed column so logs line up and <c>grep 'stage failed'</c> finds every failure. The format is a
/// contract for CI logs: change it only by adding kinds.
/// </summary>
internal sealed class ProgressLineFormatter
{
    /// <summary>The column where the subject starts: the kind, at least one space, padded to this width.</summary>
    public const int KindWidth = 15;

    private readonly IReadOnlyDictionary<string, string> _handlerTypes;

    /// <summary>Initializes a new instance of the <see cref="ProgressLineFormatter"/> class.</summary>
    /// <param name="handlerTypes">Each node's handler type by node ID, shown when a stage starts.</param>
    public ProgressLineFormatter(IReadOnlyDictionary<string, string> handlerTypes)
    {
        _handlerTypes = handlerTypes;
    }

    /// <summary>Creates a formatter that knows the handler types of <paramref name="graph"/>'s nodes.</summary>
    public static ProgressLineFormatter ForGraph(PipelineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            types[node.Id] = node.HandlerType;
        }

        return new ProgressLineFormatter(types);
    }

    /// <summary>Formats one event.</summary>
    /// <param name="pipelineEvent">The event.</param>
    /// <param name="elapsed">Time since the command started, shown as the line's prefix.</param>
    /// <returns>One line, without a line break.</returns>
    public string Format(PipelineEvent pipelineEvent, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);
        var (kind, text) = pipelineEvent switch
        {
            PipelineStarted e => ("pipeline started", $"{e.Name} (run {e.Id})"),
            PipelineCompleted e => ("pipeline done", $"succeeded in {Seconds(e.Duration)} ({e.ArtifactCount.ToString(CultureInfo.InvariantCulture)} artifacts)"),
            PipelineFailed e => ("pipeline failed", $"after {Seconds(e.Duration)}: {e.Error}"),
            StageStarted e => ("stage started", _handlerTypes.TryGetValue(e.Name, out var type) ? $"{e.Name} ({type})" : e.Name),
            StageCompleted e => ("stage completed", $"{e.Name} in {Seconds(e.Duration)}"),
            StageFailed e => ("stage failed", $"{e.Name}: {e.Error}" + (e.WillRetry ? " (will retry)" : string.Empty)),
            StageRetrying e => ("stage retrying", $"{e.Name} attempt {e.Attempt.ToString(CultureInfo.InvariantCulture)} in {Milliseconds(e.Delay)}"),
            ParallelStarted e => ("parallel started", $"{e.BranchCount.ToString(CultureInfo.InvariantCulture)} branches"),
            ParallelBranchStarted e => ("branch started", e.Branch),
            ParallelBranchCompleted e => (e.Success ? "branch succeeded" : "branch failed", $"{e.Branch} in {Seconds(e.Duration)}"),
            ParallelCompleted e => ("parallel done", $"{e.SuccessCount.ToString(CultureInfo.InvariantCulture)} succeeded, {e.FailureCount.ToString(CultureInfo.InvariantCulture)} failed in {Seconds(e.Duration)}"),
            InterviewStarted e => ("human waiting", $"{e.Stage}: {e.Question}"),
            InterviewCompleted e => ("human answered", $"{e.Answer} after {Seconds(e.Duration)}: {e.Question}"),
            InterviewTimeout e => ("human timeout", $"{e.Stage} after {Seconds(e.Duration)}: {e.Question}"),
            CheckpointSaved e => ("checkpoint", e.NodeId),

            // Events added to the engine later still get their one line.
            _ => ("event", pipelineEvent.Describe()),
        };

        return FormatElapsed(elapsed) + " " + (kind + " ").PadRight(KindWidth) + OneLine(text);
    }

    /// <summary>Formats an elapsed time as <c>[mm:ss.ff]</c>, or <c>[h:mm:ss.ff]</c> from one hour on.</summary>
    public static string FormatElapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var hundredths = (elapsed.Milliseconds / 10).ToString("00", CultureInfo.InvariantCulture);
        var seconds = elapsed.Seconds.ToString("00", CultureInfo.InvariantCulture);
        return elapsed.TotalHours >= 1
            ? $"[{((int)elapsed.TotalHours).ToString(CultureInfo.InvariantCulture)}:{elapsed.Minutes.ToString("00", CultureInfo.InvariantCulture)}:{seconds}.{hundredths}]"
            : $"[{elapsed.Minutes.ToString("00", CultureInfo.InvariantCulture)}:{seconds}.{hundredths}]";
    }

    /// <summary>Formats a duration in seconds with two decimals, e.g. <c>1.25s</c>.</summary>
    public static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    /// <summary>
    /// Joins a multi-line text (a tool's stderr tail in a failure reason) into one line with <c> | </c>, so
    /// every event stays exactly one line.
    /// </summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOfAny(['\r', '\n']) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(" | ");
            }

            builder.Append(trimmed);
        }

        return builder.ToString();
    }

    private static string Milliseconds(TimeSpan delay) =>
        ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
