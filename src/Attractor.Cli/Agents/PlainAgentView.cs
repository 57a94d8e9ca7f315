// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Agent;
using Attractor.Cli.Progress;

namespace Attractor.Cli.Agents;

/// <summary>
/// The agent's events as plain lines for logs and pipes, in the format of <c>attractor run</c>'s progress:
/// <c>[mm:ss.ff] kind           subject</c>. Assistant text keeps its line breaks: each further line is indented to
/// the subject column, so the answer stays readable and every line still belongs to one event. Streamed text is
/// written line by line as it arrives.
/// </summary>
internal sealed class PlainAgentView : IAgentView
{
    private static readonly string Continuation = new(' ', "[00:00.00] ".Length + ProgressLineFormatter.KindWidth);

    private readonly TextWriter _out;
    private readonly DateTimeOffset _origin;
    private readonly string _workingDirectory;
    private readonly StringBuilder _pending = new();
    private bool _streamed;
    private bool _textStarted;
    private DateTimeOffset _textTime;

    /// <summary>Initializes a new instance of the <see cref="PlainAgentView"/> class.</summary>
    /// <param name="output">Where lines go.</param>
    /// <param name="origin">When the command started; line prefixes count from here.</param>
    /// <param name="workingDirectory">Paths in tool calls are shown relative to it.</param>
    public PlainAgentView(TextWriter output, DateTimeOffset origin, string workingDirectory)
    {
        _out = output;
        _origin = origin;
        _workingDirectory = workingDirectory;
    }

    public async Task ShowAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        if (SubagentEvents.AgentId(sessionEvent) is { } agentId)
        {
            await ShowSubagentAsync(agentId, sessionEvent, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (sessionEvent.Kind)
        {
            case SessionEventKind.AssistantTextStart:
                _streamed = false;
                _textStarted = false;
                _pending.Clear();
                return;
            case SessionEventKind.AssistantTextDelta:
                _streamed = true;
                _textTime = sessionEvent.Timestamp;
                _pending.Append(sessionEvent.GetString("delta"));
                await WriteCompleteLinesAsync(cancellationToken).ConfigureAwait(false);
                return;
            case SessionEventKind.AssistantTextEnd:
                if (!_streamed)
                {
                    _textTime = sessionEvent.Timestamp;
                    _pending.Append(sessionEvent.GetString("text")?.TrimEnd());
                }

                _pending.Append('\n');
                await WriteCompleteLinesAsync(cancellationToken).ConfigureAwait(false);
                _textStarted = false;
                return;
            case SessionEventKind.ProcessingEnd or SessionEventKind.ToolCallOutputDelta:
                // The session's end and each tool's end say it already.
                return;
        }

        var (kind, subject) = Describe(sessionEvent);
        await WriteLineAsync(sessionEvent.Timestamp, kind, subject, cancellationToken).ConfigureAwait(false);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            _pending.Append('\n');
            await WriteCompleteLinesAsync(cancellationToken).ConfigureAwait(false);
        }

        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // A subagent's events arrive interleaved with the parent's: its text is shown whole, once it is complete,
    // and every line names the subagent, so neither conversation's lines run into the other's.
    private async Task ShowSubagentAsync(string agentId, SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        if (!SubagentEvents.IsShown(sessionEvent.Kind))
        {
            return;
        }

        var (kind, subject) = sessionEvent.Kind == SessionEventKind.AssistantTextEnd
            ? ("assistant", (sessionEvent.GetString("text") ?? string.Empty).Trim())
            : Describe(sessionEvent);
        await WriteLineAsync(sessionEvent.Timestamp, kind, SubagentEvents.Prefix(agentId) + subject, cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private (string Kind, string Subject) Describe(SessionEvent e) => e.Kind switch
    {
        SessionEventKind.SessionStart => ("session started", $"{e.GetString("provider")} {e.GetString("model")}"),
        SessionEventKind.SessionEnd => ("session ended", (e.GetString("state") ?? string.Empty).ToLowerInvariant()),
        SessionEventKind.UserInput => ("user input", e.GetString("content") ?? string.Empty),
        SessionEventKind.ToolCallStart => ("tool started", Join(e.GetString("tool_name"), ToolCallSummary.Arguments(e.GetString("arguments"), _workingDirectory))),
        SessionEventKind.ToolCallEnd => (IsError(e) ? "tool failed" : "tool done", $"{e.GetString("tool_name")}: {ToolCallSummary.Result(e.GetString("output"))}"),
        SessionEventKind.SteeringInjected => ("steering", e.GetString("content") ?? string.Empty),
        SessionEventKind.TurnLimit => ("turn limit", e.Data.ContainsKey("round") ? $"{e.GetString("round")} tool rounds" : $"{e.GetString("total_turns")} turns"),
        SessionEventKind.LoopDetection => ("loop detected", e.GetString("message") ?? string.Empty),
        SessionEventKind.Warning => ("warning", e.GetString("message") ?? string.Empty),
        SessionEventKind.Error => ("error", $"{e.GetString("error_type")}: {e.GetString("message")}"),
        _ => ("event", e.Kind.ToString()),
    };

    private static bool IsError(SessionEvent e) => e.Data.TryGetValue("is_error", out var value) && value is true;

    private static string Join(string? name, string subject) => subject.Length == 0 ? name ?? string.Empty : $"{name} {subject}";

    private async Task WriteCompleteLinesAsync(CancellationToken cancellationToken)
    {
        var text = _pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return;
        }

        _pending.Remove(0, end + 1);
        foreach (var line in text[..end].Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (!_textStarted)
            {
                if (trimmed.Trim().Length == 0)
                {
                    // Leading blank lines of an answer carry nothing.
                    continue;
                }

                _textStarted = true;
                await WriteLineAsync(_textTime, "assistant", trimmed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _out.WriteLineAsync((trimmed.Length == 0 ? string.Empty : Continuation + trimmed).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLineAsync(DateTimeOffset timestamp, string kind, string subject, CancellationToken cancellationToken)
    {
        var line = ProgressLineFormatter.FormatElapsed(timestamp - _origin) + " " + (kind + " ").PadRight(ProgressLineFormatter.KindWidth) + ProgressLineFormatter.OneLine(subject);
        await _out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
