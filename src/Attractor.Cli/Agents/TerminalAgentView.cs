// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;
using Attractor.Cli.Progress;

namespace Attractor.Cli.Agents;

/// <summary>
/// The agent's events for a person at a terminal: the assistant's text as it arrives, each tool call as a short
/// marked line with its result below it, warnings and errors set apart (in colour unless <c>NO_COLOR</c>).
/// </summary>
internal sealed class TerminalAgentView : IAgentView
{
    private const string Reset = "\u001b[0m";
    private const string Dim = "\u001b[2m";
    private const string Bold = "\u001b[1m";
    private const string Cyan = "\u001b[36m";
    private const string Green = "\u001b[32m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";

    private readonly TextWriter _out;
    private readonly bool _color;
    private readonly string _workingDirectory;
    private bool _streamed;
    private bool _atLineStart = true;

    /// <summary>Initializes a new instance of the <see cref="TerminalAgentView"/> class.</summary>
    /// <param name="output">The terminal.</param>
    /// <param name="color">Whether ANSI colours may be written.</param>
    /// <param name="workingDirectory">Paths in tool calls are shown relative to it.</param>
    public TerminalAgentView(TextWriter output, bool color, string workingDirectory)
    {
        _out = output;
        _color = color;
        _workingDirectory = workingDirectory;
    }

    public async Task ShowAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionEvent);
        var e = sessionEvent;
        if (SubagentEvents.AgentId(e) is { } agentId)
        {
            await ShowSubagentAsync(agentId, e, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (e.Kind)
        {
            case SessionEventKind.AssistantTextStart:
                _streamed = false;
                break;
            case SessionEventKind.AssistantTextDelta:
                _streamed = true;
                await WriteTextAsync(e.GetString("delta") ?? string.Empty, cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.AssistantTextEnd:
                if (!_streamed)
                {
                    await WriteTextAsync((e.GetString("text") ?? string.Empty).Trim(), cancellationToken).ConfigureAwait(false);
                }

                await EndLineAsync(cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.ToolCallStart:
                var arguments = ToolCallSummary.Arguments(e.GetString("arguments"), _workingDirectory);
                await WriteLineAsync($"{Paint("●", Cyan)} {Paint(e.GetString("tool_name") ?? string.Empty, Bold)} {arguments}".TrimEnd(), cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.ToolCallEnd:
                var failed = e.Data.TryGetValue("is_error", out var isError) && isError is true;
                var result = ToolCallSummary.Result(e.GetString("output"));
                await WriteLineAsync("  " + (failed ? Paint("✗ " + result, Red) : Paint("└ " + result, Dim)), cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.SteeringInjected:
                await WriteLineAsync(Paint("→ steering: " + e.GetString("content"), Dim), cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.TurnLimit:
                await WriteLineAsync(Paint("! turn limit reached", Yellow), cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.LoopDetection or SessionEventKind.Warning:
                await WriteLineAsync(Paint("! " + e.GetString("message"), Yellow), cancellationToken).ConfigureAwait(false);
                break;
            case SessionEventKind.Error:
                await WriteLineAsync(Paint($"✗ {e.GetString("error_type")}: {e.GetString("message")}", Red), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await EndLineAsync(cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // A subagent's events arrive interleaved with the parent's streamed text: each becomes one whole line naming
    // the subagent (its text once complete), so the parent's answer is never broken into by a child's deltas.
    private async Task ShowSubagentAsync(string agentId, SessionEvent e, CancellationToken cancellationToken)
    {
        if (!SubagentEvents.IsShown(e.Kind))
        {
            return;
        }

        var prefix = Paint(SubagentEvents.Prefix(agentId), Dim);
        var line = e.Kind switch
        {
            SessionEventKind.AssistantTextEnd => ProgressLineFormatter.OneLine((e.GetString("text") ?? string.Empty).Trim()),
            SessionEventKind.SessionStart => Paint($"started ({e.GetString("model")})", Dim),
            SessionEventKind.SessionEnd => Paint("ended " + (e.GetString("state") ?? string.Empty).ToLowerInvariant(), Dim),
            SessionEventKind.UserInput => Paint("task: " + ProgressLineFormatter.OneLine(e.GetString("content") ?? string.Empty), Dim),
            SessionEventKind.ToolCallStart => $"{Paint("●", Cyan)} {Paint(e.GetString("tool_name") ?? string.Empty, Bold)} {ToolCallSummary.Arguments(e.GetString("arguments"), _workingDirectory)}".TrimEnd(),
            SessionEventKind.ToolCallEnd => e.Data.TryGetValue("is_error", out var isError) && isError is true
                ? Paint("✗ " + ToolCallSummary.Result(e.GetString("output")), Red)
                : Paint("└ " + ToolCallSummary.Result(e.GetString("output")), Dim),
            SessionEventKind.Error => Paint($"✗ {e.GetString("error_type")}: {e.GetString("message")}", Red),
            _ => Paint("! " + (e.GetString("message") ?? e.Kind.ToString()), Yellow),
        };
        await WriteLineAsync(prefix + line, cancellationToken).ConfigureAwait(false);
    }

    private string Paint(string text, string code) => _color ? code + text + Reset : text;

    private async Task WriteTextAsync(string text, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return;
        }

        await _out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
        _atLineStart = text.EndsWith('\n');
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        if (!_atLineStart)
        {
            await _out.WriteLineAsync(ReadOnlyMemory<char>.Empty, cancellationToken).ConfigureAwait(false);
            _atLineStart = true;
        }
    }

    private async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await EndLineAsync(cancellationToken).ConfigureAwait(false);
        await _out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
