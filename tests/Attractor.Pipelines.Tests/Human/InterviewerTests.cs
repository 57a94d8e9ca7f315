// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Human;

/// <summary>§6.1 / §6.4 / §11.8: the interviewer interface and the auto-approve, callback, queue and recording interviewers.</summary>
public sealed class InterviewerTests
{
    private static readonly Question Choice = new("Ship it?", QuestionType.MultipleChoice, "review")
    {
        Options = [new("A", "[A] Approve"), new("F", "Fix")],
    };

    [Theory]
    [InlineData(QuestionType.YesNo)]
    [InlineData(QuestionType.Confirmation)]
    public async Task Auto_approve_says_yes_to_yes_no_questions(QuestionType type)
    {
        var answer = await Ask(new AutoApproveInterviewer(), new Question("ok?", type, "s"));
        Assert.Equal(AnswerValue.Yes, answer.Value);
    }

    [Fact]
    public async Task Interviewer_interface_asks_a_question_and_returns_an_answer()
    {
        Assert.Equal(AnswerValue.Yes, (await Ask(new QueueInterviewer([Answer.Yes]), new Question("ok?", QuestionType.YesNo, "s"))).Value);
    }

    [Fact]
    public async Task Auto_approve_selects_the_first_option()
    {
        var answer = await AutoApproveInterviewer.Instance.AskAsync(Choice, CancellationToken.None);
        Assert.Equal(AnswerValue.Selected, answer.Value);
        Assert.Equal(Choice.Options[0], answer.SelectedOption);
        Assert.Equal("A", answer.Text);
        var multi = await AutoApproveInterviewer.Instance.AskAsync(Choice with { Type = QuestionType.MultiSelect }, CancellationToken.None);
        Assert.Equal([Choice.Options[0]], multi.SelectedOptions);
    }

    [Fact]
    public async Task Auto_approve_answers_free_text_with_auto_approved()
    {
        Assert.Equal("auto-approved", (await AutoApproveInterviewer.Instance.AskAsync(new Question("why?", QuestionType.Freeform, "s"), CancellationToken.None)).Text);
        Assert.Equal("auto-approved", (await AutoApproveInterviewer.Instance.AskAsync(Choice with { Options = [] }, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task Callback_delegates_to_the_function()
    {
        Question? seen = null;
        var interviewer = new CallbackInterviewer((q, _) =>
        {
            seen = q;
            return Task.FromResult(Answer.Select(q.Options[1]));
        });
        var answer = await interviewer.AskAsync(Choice, CancellationToken.None);
        Assert.Same(Choice, seen);
        Assert.Equal("F", answer.SelectedOption!.Key);
    }

    [Fact]
    public async Task Callback_is_bounded_by_the_question_timeout()
    {
        var interviewer = new CallbackInterviewer(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Answer.Yes;
        });
        var answer = await interviewer.AskAsync(Choice with { Timeout = TimeSpan.FromMilliseconds(50) }, CancellationToken.None);
        Assert.Equal(AnswerValue.Timeout, answer.Value);
    }

    [Fact]
    public async Task Callback_inform_is_forwarded()
    {
        var messages = new List<string>();
        var interviewer = new CallbackInterviewer((_, _) => Task.FromResult(Answer.Yes), (m, s, _) =>
        {
            messages.Add(s + ":" + m);
            return Task.CompletedTask;
        });
        await interviewer.InformAsync("hi", "stage", CancellationToken.None);
        Assert.Equal(["stage:hi"], messages);
    }

    [Fact]
    public async Task Queue_answers_in_order_then_skips()
    {
        var queue = new QueueInterviewer([Answer.Yes, Answer.No]);
        var question = new Question("q", QuestionType.YesNo, "s");
        Assert.Equal(AnswerValue.Yes, (await queue.AskAsync(question, CancellationToken.None)).Value);
        Assert.Equal(AnswerValue.No, (await queue.AskAsync(question, CancellationToken.None)).Value);
        Assert.Equal(AnswerValue.Skipped, (await queue.AskAsync(question, CancellationToken.None)).Value);
        Assert.Equal(0, queue.Remaining);
    }

    [Fact]
    public async Task Queue_strings_match_options_by_key_or_label()
    {
        var queue = QueueInterviewer.FromCommaSeparated("f, approve ,A,y,free text,nope");
        Assert.Equal("F", (await queue.AskAsync(Choice, CancellationToken.None)).SelectedOption!.Key);
        Assert.Equal("A", (await queue.AskAsync(Choice, CancellationToken.None)).SelectedOption!.Key);
        Assert.Equal("A", (await queue.AskAsync(Choice, CancellationToken.None)).SelectedOption!.Key);
        Assert.Equal(AnswerValue.Yes, (await queue.AskAsync(new Question("ok?", QuestionType.Confirmation, "s"), CancellationToken.None)).Value);
        Assert.Equal("free text", (await queue.AskAsync(new Question("why?", QuestionType.Freeform, "s"), CancellationToken.None)).Text);
        var unmatched = await queue.AskAsync(Choice, CancellationToken.None);
        Assert.Null(unmatched.SelectedOption);
        Assert.Equal("nope", unmatched.Text);
    }

    [Fact]
    public async Task Recording_keeps_question_answer_pairs_from_concurrent_askers()
    {
        var recorder = new RecordingInterviewer(AutoApproveInterviewer.Instance);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => recorder.AskAsync(Choice with { Stage = "s" + i }, CancellationToken.None)));
        Assert.Equal(100, recorder.Recordings.Count);
        Assert.All(recorder.Recordings, r => Assert.Equal("A", r.Answer.SelectedOption!.Key));
        Assert.Equal(100, recorder.Recordings.Select(r => r.Question.Stage).Distinct().Count());
    }

    [Fact]
    public async Task Recording_forwards_and_records_messages_and_multiple_questions()
    {
        var recorder = new RecordingInterviewer(new QueueInterviewer(["n", "F"]));
        var answers = await recorder.AskMultipleAsync([new("q1", QuestionType.YesNo, "s"), Choice], CancellationToken.None);
        Assert.Equal(AnswerValue.No, answers[0].Value);
        Assert.Equal("F", answers[1].SelectedOption!.Key);
        Assert.Equal(2, recorder.Recordings.Count);
        await recorder.InformAsync("done", "s", CancellationToken.None);
        Assert.Equal(["s: done"], recorder.Messages);
    }

    private static Task<Answer> Ask(IInterviewer interviewer, Question question) => interviewer.AskAsync(question, CancellationToken.None);
}
