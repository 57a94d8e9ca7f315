// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Threading.Channels;
using Attractor.Backends;
using Attractor.Cli.Agents;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Progress;

/// <summary>Writes one <see cref="ProgressLineFormatter"/> line per event, for redirected output (CI logs, tests).</summary>
internal sealed class PlainProgress : IRunProgress
{
    // Events and suspension markers share one queue, so a suspension waits for exactly the lines queued before it.
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ProgressLineFormatter _formatter;
    private readonly TextWriter _out;
    private readonly DateTimeOffset _origin;

    /// <summary>Initializes a new instance of the <see cref="PlainProgress"/> class.</summary>
    /// <param name="formatter">Formats each event.</param>
    /// <param name="output">Where lines go.</param>
    /// <param name="origin">When the command started; line prefixes count from here.</param>
    public PlainProgress(ProgressLineFormatter formatter, TextWriter output, DateTimeOffset origin)
    {
        _formatter = formatter;
        _out = output;
        _origin = origin;
    }

    public void Publish(PipelineEvent pipelineEvent) => _queue.Writer.TryWrite(pipelineEvent);

    public void PublishAgent(AgentStageEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);

        // Only the steps a reader follows: each tool call and the agent's answer, one line each.
        if (agentEvent.Event.Kind is Attractor.Agent.SessionEventKind.ToolCallStart or Attractor.Agent.SessionEventKind.ToolCallEnd or Attractor.Agent.SessionEventKind.AssistantTextEnd)
        {
            _queue.Writer.TryWrite(agentEvent);
        }
    }

    public async Task RenderAsync()
    {
        // Not cancellable on purpose: after Ctrl+C the engine still reports the interruption, and it must be shown.
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (item is PipelineEvent pipelineEvent)
            {
                var line = _formatter.Format(pipelineEvent, pipelineEvent.Timestamp - _origin);
                await _out.WriteLineAsync(line.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (item is AgentStageEvent agentEvent)
            {
                var line = FormatAgent(agentEvent);
                await _out.WriteLineAsync(line.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                await _out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (item is TaskCompletionSource drained)
            {
                drained.TrySetResult();
            }
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    public async Task SuspendAsync(CancellationToken cancellationToken)
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(drained))
        {
            await drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Plain lines never redraw, so there is nothing to take back.
    public void Resume()
    {
    }

    private string FormatAgent(AgentStageEvent agentEvent)
    {
        var e = agentEvent.Event;
        var (kind, text) = e.Kind switch
        {
            Attractor.Agent.SessionEventKind.ToolCallStart => ("agent tool", $"{e.GetString("tool_name")} {ToolCallSummary.Arguments(e.GetString("arguments"), Environment.CurrentDirectory)}".TrimEnd()),
            Attractor.Agent.SessionEventKind.ToolCallEnd => (e.Data.TryGetValue("is_error", out var isError) && isError is true ? "agent error" : "agent result", $"{e.GetString("tool_name")}: {ToolCallSummary.Result(e.GetString("output"))}"),
            _ => ("agent said", ToolCallSummary.Result(e.GetString("text"))),
        };

        return ProgressLineFormatter.FormatElapsed(e.Timestamp - _origin) + " " + (kind + " ").PadRight(ProgressLineFormatter.KindWidth) + ProgressLineFormatter.OneLine($"{agentEvent.NodeId}: {text}");
    }
}
