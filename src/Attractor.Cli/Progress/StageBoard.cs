// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Progress;

/// <summary>
/// The state behind the live view: one <see cref="StageRow"/> per stage execution, updated from engine
/// events, plus the pipeline's own status. Kept apart from drawing so it can be tested without a terminal.
/// Not thread-safe: the live view applies events from its single drawing loop.
/// </summary>
internal sealed class StageBoard
{
    private readonly List<StageRow> _rows = [];
    private readonly Dictionary<string, StageRow> _latest = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _handlerTypes;

    public StageBoard(IReadOnlyDictionary<string, string> handlerTypes)
    {
        _handlerTypes = handlerTypes;
    }

    /// <summary>Gets every row, oldest first.</summary>
    public IReadOnlyList<StageRow> Rows => _rows;

    /// <summary>Gets the pipeline's name once it has started.</summary>
    public string PipelineName { get; private set; } = string.Empty;

    /// <summary>Gets the pipeline's status: running, succeeded, or failed with the reason.</summary>
    public string PipelineStatus { get; private set; } = "starting";

    /// <summary>Updates the rows from one event.</summary>
    public void Apply(PipelineEvent pipelineEvent)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);
        switch (pipelineEvent)
        {
            case PipelineStarted e:
                PipelineName = e.Name;
                PipelineStatus = "running";
                break;
            case PipelineCompleted:
                PipelineStatus = "succeeded";
                break;
            case PipelineFailed e:
                PipelineStatus = "failed: " + ProgressLineFormatter.OneLine(e.Error);
                break;
            case StageStarted e:
                var row = new StageRow(e.Name, _handlerTypes.TryGetValue(e.Name, out var type) ? type : string.Empty, e.Timestamp);
                _rows.Add(row);
                _latest[e.Name] = row;
                break;
            case StageCompleted e when Latest(e.Name) is { } done:
                done.State = StageState.Succeeded;
                done.Duration = e.Duration;
                break;
            case StageFailed e when Latest(e.Name) is { } failed:
                failed.State = e.WillRetry ? StageState.Retrying : StageState.Failed;
                failed.Detail = ProgressLineFormatter.OneLine(e.Error);
                if (!e.WillRetry)
                {
                    failed.Duration = e.Timestamp - failed.Started;
                }

                break;
            case StageRetrying e when Latest(e.Name) is { } retrying:
                retrying.State = StageState.Retrying;
                retrying.Detail = "attempt " + e.Attempt.ToString(CultureInfo.InvariantCulture) + ": " + retrying.Detail;
                break;
            case InterviewStarted e when Latest(e.Stage) is { } gate:
                gate.State = StageState.WaitingForHuman;
                gate.Detail = e.Question;
                break;
            case InterviewCompleted e:
                // The event names no stage: it answers the gate that is waiting with this question.
                var answered = _rows.LastOrDefault(r => r.State == StageState.WaitingForHuman && r.Detail == e.Question);
                if (answered is not null)
                {
                    answered.State = StageState.Running;
                    answered.Detail = "answered: " + e.Answer;
                }

                break;
            case InterviewTimeout e when Latest(e.Stage) is { } timedOut:
                timedOut.State = StageState.Running;
                timedOut.Detail = "no answer in time";
                break;
            default:
                // Parallel and checkpoint events change no row: branch stages have rows of their own.
                break;
        }
    }

    private StageRow? Latest(string nodeId) => _latest.GetValueOrDefault(nodeId);
}
