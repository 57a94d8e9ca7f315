// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Running;
using Attractor.Pipelines.Human;

namespace Attractor.Cli.Tests;

/// <summary><c>--answers</c> never guesses: an answer must fit the question, and running out stops the run.</summary>
public sealed class AnswerListInterviewerTests
{
    private static readonly Question Choice = new("Ship it?", QuestionType.MultipleChoice, "approve")
    {
        Options = [new QuestionOption("A", "[A] Approve"), new QuestionOption("F", "[F] Fix")],
    };

    private static readonly Question YesNo = new("Deploy?", QuestionType.YesNo, "deploy");

    private static readonly Question Freeform = new("Why?", QuestionType.Freeform, "explain");

    [Fact]
    public async Task Answers_fit_each_question_type_in_order()
    {
        using var abort = new RunAbort(CancellationToken.None);
        var interviewer = new AnswerListInterviewer(["fix", "YES", "because it is ready"], abort);

        var choice = await interviewer.AskAsync(Choice, CancellationToken.None);
        var yes = await interviewer.AskAsync(YesNo, CancellationToken.None);
        var text = await interviewer.AskAsync(Freeform, CancellationToken.None);

        Assert.Equal("F", choice.SelectedOption?.Key);
        Assert.Equal(AnswerValue.Yes, yes.Value);
        Assert.Equal("because it is ready", text.Text);
        Assert.False(abort.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_word_that_is_no_yes_or_no_stops_the_run()
    {
        using var abort = new RunAbort(CancellationToken.None);
        var interviewer = new AnswerListInterviewer(["maybe"], abort);

        var stopped = await Assert.ThrowsAsync<OperationCanceledException>(() => interviewer.AskAsync(YesNo, CancellationToken.None));

        Assert.Equal(abort.Token, stopped.CancellationToken);
        Assert.True(abort.Token.IsCancellationRequested);
        Assert.Equal("--answers value 'maybe' matches nothing the human gate 'deploy' offers (choices: yes, no)", abort.Reason);
    }

    [Fact]
    public async Task The_first_reason_is_kept_when_several_gates_stop_the_run()
    {
        using var abort = new RunAbort(CancellationToken.None);
        var interviewer = new AnswerListInterviewer([], abort);

        await Assert.ThrowsAsync<OperationCanceledException>(() => interviewer.AskAsync(Choice, CancellationToken.None));
        await Assert.ThrowsAsync<OperationCanceledException>(() => interviewer.AskAsync(YesNo, CancellationToken.None));

        Assert.StartsWith("--answers ran out: the human gate 'approve' asks \"Ship it?\" but the list (0 given) is used up", abort.Reason, StringComparison.Ordinal);
    }
}
