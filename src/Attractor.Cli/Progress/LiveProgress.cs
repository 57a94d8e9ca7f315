// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Backends;
using Attractor.Pipelines.Events;
using Spectre.Console;

namespace Attractor.Cli.Progress;

/// <summary>
/// The terminal view of a run: a Spectre.Console live table of stages (running, succeeded, failed, retrying,
/// waiting for a human) with elapsed times, redrawn ten times a second and when the run ends. When a
/// human must answer at the terminal, the table is left on screen as it is and redrawn below the answer.
/// </summary>
internal sealed class LiveProgress : IRunProgress, IDisposable
{
    /// <summary>How many of the latest stage rows are shown; earlier ones are summarised in one line.</summary>
    public const int VisibleRows = 20;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<PipelineEvent> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IAnsiConsole _console;
    private readonly StageBoard _board;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private readonly string _logsRoot;
    private int _suspensions;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Initializes a new instance of the <see cref="LiveProgress"/> class.</summary>
    /// <param name="console">The terminal to draw on.</param>
    /// <param name="board">The stage rows, updated from the events.</param>
    /// <param name="time">The clock for running stages' elapsed times.</param>
    /// <param name="logsRoot">The run directory, as shown to the user.</param>
    public LiveProgress(IAnsiConsole console, StageBoard board, TimeProvider time, string logsRoot)
    {
        _console = console;
        _board = board;
        _time = time;
        _origin = time.GetUtcNow();
        _logsRoot = logsRoot;
    }

    /// <summary>Creates a Spectre console writing to <paramref name="output"/>, coloured only when <paramref name="useColor"/>.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool useColor) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = AnsiSupport.Yes,
        ColorSystem = useColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
    });

    // No wake-up per event: a busy pipeline publishes thousands, and ten frames a second show them all.
    public void Publish(PipelineEvent pipelineEvent) => _pending.Enqueue(pipelineEvent);

    // The table shows stages; an agent's steps would scroll it away. They are in the stage's agent-events.jsonl.
    public void PublishAgent(AgentStageEvent agentEvent)
    {
    }

    public void Complete()
    {
        _completed.TrySetResult();
        _wake.Release();
    }

    public async Task RenderAsync()
    {
        try
        {
            while (true)
            {
                await _console.Live(Build()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(DrawAsync).ConfigureAwait(false);
                if (IsFinished)
                {
                    return;
                }

                // Suspended for a question: let go of the screen until every asker is done, or the run ends.
                Task resumed;
                lock (_gate)
                {
                    _released.TrySetResult();
                    resumed = _resumed.Task;
                }

                await Task.WhenAny(resumed, _completed.Task).ConfigureAwait(false);
            }
        }
        finally
        {
            // Nobody may wait for a screen that will never be handed over.
            lock (_gate)
            {
                _released.TrySetResult();
            }
        }
    }

    public async Task SuspendAsync(CancellationToken cancellationToken)
    {
        Task released;
        lock (_gate)
        {
            if (_suspensions++ == 0)
            {
                _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            released = _released.Task;
        }

        _wake.Release();
        await released.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Resume()
    {
        lock (_gate)
        {
            if (_suspensions > 0 && --_suspensions == 0)
            {
                _resumed.TrySetResult();
            }
        }
    }

    public void Dispose() => _wake.Dispose();

    private bool IsFinished => _completed.Task.IsCompleted && _pending.IsEmpty;

    private bool IsSuspending
    {
        get
        {
            lock (_gate)
            {
                return _suspensions > 0;
            }
        }
    }

    private async Task DrawAsync(LiveDisplayContext context)
    {
        while (true)
        {
            // Decided before draining: whatever was published before the run ended or a question was
            // asked (the gate's "waiting" event) is then already queued, and is in this last frame.
            var last = _completed.Task.IsCompleted || IsSuspending;
            while (_pending.TryDequeue(out var pipelineEvent))
            {
                _board.Apply(pipelineEvent);
            }

            context.UpdateTarget(Build());
            context.Refresh();
            if (last)
            {
                return;
            }

            // Woken early only to finish or to hand over the screen; extra wake-ups are folded into this frame.
            await _wake.WaitAsync(Tick).ConfigureAwait(false);
            while (_wake.Wait(0))
            {
            }
        }
    }

    private Table Build()
    {
        var now = _time.GetUtcNow();
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Stage");
        table.AddColumn("Type");
        table.AddColumn("Status");
        table.AddColumn(new TableColumn("Elapsed").RightAligned());
        table.AddColumn("Detail");

        var rows = _board.Rows;
        var hidden = Math.Max(0, rows.Count - VisibleRows);
        if (hidden > 0)
        {
            table.AddRow(new Text($"… {hidden} earlier stages", new Style(decoration: Decoration.Dim)), Text.Empty, Text.Empty, Text.Empty, Text.Empty);
        }

        for (var i = hidden; i < rows.Count; i++)
        {
            var row = rows[i];
            table.AddRow(
                new Text(row.NodeId),
                new Text(row.HandlerType, new Style(decoration: Decoration.Dim)),
                StateText(row.State),
                new Text(ProgressLineFormatter.Seconds(row.ElapsedAt(now))),
                new Text(row.Detail) { Overflow = Overflow.Ellipsis });
        }

        var title = _board.PipelineName.Length > 0 ? _board.PipelineName : "pipeline";
        // Titles are markup: escaped, since names and paths may contain brackets.
        table.Title = new TableTitle(Markup.Escape(title + " — " + _board.PipelineStatus));
        table.Caption = new TableTitle(Markup.Escape(ProgressLineFormatter.FormatElapsed(now - _origin) + "  logs: " + _logsRoot));
        return table;
    }

    private static Text StateText(StageState state) => state switch
    {
        StageState.Running => new Text("running", new Style(Color.Yellow)),
        StageState.Succeeded => new Text("succeeded", new Style(Color.Green)),
        StageState.Failed => new Text("failed", new Style(Color.Red)),
        StageState.Retrying => new Text("retrying", new Style(Color.Orange1)),
        _ => new Text("waiting for a human", new Style(Color.Aqua)),
    };
}
