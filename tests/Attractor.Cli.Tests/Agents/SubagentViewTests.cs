// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;
using Attractor.Cli.Agents;

namespace Attractor.Cli.Tests.Agents;

/// <summary>
/// A subagent's events arrive interleaved with the parent's streamed answer: both views keep the parent's text
/// whole and show each subagent event as one line naming the subagent.
/// </summary>
public sealed class SubagentViewTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_plain_view_keeps_the_parents_answer_whole_and_names_the_subagent_on_its_lines()
    {
        var output = new StringWriter();
        var view = new PlainAgentView(output, Origin, "/work");

        await ShowAsync(view, Interleaved());

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l[11..].TrimEnd()).ToList();
        Assert.Equal(
        [
            "tool started   [agent-1] shell echo hi",
            "tool done      [agent-1] shell: hi",
            "assistant      [agent-1] Child finished the tests.",
            "assistant      Parent waits for the child.",
        ],
            lines);
    }

    [Fact]
    public async Task The_terminal_view_never_mixes_a_childs_text_into_the_parents_streamed_text()
    {
        var output = new StringWriter();
        var view = new TerminalAgentView(output, color: false, "/work");

        await ShowAsync(view, Interleaved());

        Assert.Equal(
        [
            "Parent waits",
            "[agent-1] ● shell echo hi",
            "[agent-1] └ hi",
            "[agent-1] Child finished the tests.",
            "for the child.",
        ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.TrimEnd()));
    }

    private static async Task ShowAsync(IAgentView view, IEnumerable<SessionEvent> events)
    {
        foreach (var sessionEvent in events)
        {
            await view.ShowAsync(sessionEvent, CancellationToken.None);
        }

        await view.FlushAsync(CancellationToken.None);
    }

    // The parent streams its answer while its subagent calls a tool and streams its own answer.
    private static IEnumerable<SessionEvent> Interleaved()
    {
        yield return Parent(SessionEventKind.AssistantTextStart);
        yield return Parent(SessionEventKind.AssistantTextDelta, ("delta", "Parent waits "));
        yield return Child(SessionEventKind.ToolCallStart, ("tool_name", "shell"), ("arguments", "{\"command\":\"echo hi\"}"));
        yield return Child(SessionEventKind.ToolCallOutputDelta, ("delta", "hi\n"));
        yield return Child(SessionEventKind.ToolCallEnd, ("tool_name", "shell"), ("output", "hi"));
        yield return Child(SessionEventKind.AssistantTextStart);
        yield return Child(SessionEventKind.AssistantTextDelta, ("delta", "Child finished "));
        yield return Child(SessionEventKind.AssistantTextDelta, ("delta", "the tests."));
        yield return Child(SessionEventKind.AssistantTextEnd, ("text", "Child finished the tests."));
        yield return Parent(SessionEventKind.AssistantTextDelta, ("delta", "for the child."));
        yield return Parent(SessionEventKind.AssistantTextEnd, ("text", "Parent waits for the child."));
    }

    private static SessionEvent Parent(SessionEventKind kind, params (string Key, object? Value)[] data) =>
        new(kind, Origin, "parent", data.ToDictionary(static d => d.Key, static d => d.Value));

    private static SessionEvent Child(SessionEventKind kind, params (string Key, object? Value)[] data) =>
        new(kind, Origin, "child", data.Append((Key: "agent_id", Value: (object?)"agent-1")).ToDictionary(static d => d.Key, static d => d.Value));
}
