// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Human;

/// <summary>§6.4 / §11.8: the console interviewer prompts in the terminal and reads the user's input.</summary>
public sealed class ConsoleInterviewerTests
{
    private static readonly Question Choice = new("Ship it?", QuestionType.MultipleChoice, "review")
    {
        Options = [new("A", "[A] Approve"), new("F", "Fix"), new("L", "L - Later")],
    };

    private static async Task<(Answer Answer, string Output)> AskAsync(Question question, string input, int maxAttempts = 3)
    {
        using var reader = new StringReader(input);
        await using var writer = new StringWriter();
        using var interviewer = new ConsoleInterviewer(reader, writer) { MaxAttempts = maxAttempts };
        var answer = await interviewer.AskAsync(question, CancellationToken.None);
        return (answer, writer.ToString());
    }

    [Fact]
    public async Task Shows_the_question_and_one_line_per_option()
    {
        var (_, output) = await AskAsync(Choice, "a\n");
        var lines = output.Split(Environment.NewLine);
        Assert.Equal("[?] Ship it?", lines[0]);
        Assert.Equal("  [A] Approve", lines[1]);
        Assert.Equal("  [F] Fix", lines[2]);
        Assert.Equal("  [L] Later", lines[3]);
        Assert.StartsWith("Select: ", lines[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "A")]
    [InlineData("F", "F")]
    [InlineData("later", "L")]
    [InlineData("  FIX  ", "F")]
    public async Task Reads_a_line_and_matches_key_or_label(string input, string key)
    {
        var (answer, _) = await AskAsync(Choice, input + "\n");
        Assert.Equal(AnswerValue.Selected, answer.Value);
        Assert.Equal(key, answer.SelectedOption!.Key);
    }

    [Fact]
    public async Task Invalid_answer_is_asked_again()
    {
        var (answer, output) = await AskAsync(Choice, "zzz\nf\n");
        Assert.Equal("F", answer.SelectedOption!.Key);
        Assert.Contains("Please enter one of: A, F, L", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_invalid_answers_skip_the_question()
    {
        var (answer, _) = await AskAsync(Choice, "x\ny\nz\na\n", maxAttempts: 3);
        Assert.Equal(AnswerValue.Skipped, answer.Value);
    }

    [Theory]
    [InlineData("y", AnswerValue.Yes)]
    [InlineData("YES", AnswerValue.Yes)]
    [InlineData("n", AnswerValue.No)]
    [InlineData("no", AnswerValue.No)]
    [InlineData("maybe\ny", AnswerValue.Yes)]
    public async Task Yes_no_questions_accept_y_yes_n_no(string input, AnswerValue expected)
    {
        var (answer, output) = await AskAsync(new Question("Deploy?", QuestionType.YesNo, "s"), input + "\n");
        Assert.Equal(expected, answer.Value);
        Assert.Contains("[Y/N]: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirmation_is_a_yes_no_question()
    {
        var (answer, _) = await AskAsync(new Question("Really?", QuestionType.Confirmation, "s"), "yes\n");
        Assert.Equal(AnswerValue.Yes, answer.Value);
    }

    [Fact]
    public async Task Freeform_returns_the_text()
    {
        var (answer, output) = await AskAsync(new Question("Why?", QuestionType.Freeform, "s"), "because it works\n");
        Assert.Equal("because it works", answer.Text);
        Assert.Contains("> ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_select_reads_a_list()
    {
        var (answer, _) = await AskAsync(Choice with { Type = QuestionType.MultiSelect }, "a,l\n");
        Assert.Equal(["A", "L"], answer.SelectedOptions.Select(o => o.Key));
    }

    [Fact]
    public async Task End_of_input_is_skipped()
    {
        var (answer, _) = await AskAsync(Choice, string.Empty);
        Assert.Equal(AnswerValue.Skipped, answer.Value);
    }

    [Fact]
    public async Task Empty_line_takes_the_default()
    {
        var (answer, _) = await AskAsync(Choice with { Default = Answer.Select(Choice.Options[1]) }, "\n");
        Assert.Equal("F", answer.SelectedOption!.Key);
    }

    [Fact]
    public async Task Timeout_without_default_is_timeout_and_the_late_line_answers_the_next_question()
    {
        using var reader = new BlockingReader();
        await using var writer = new StringWriter();
        using var interviewer = new ConsoleInterviewer(reader, writer);

        var timedOut = await interviewer.AskAsync(Choice with { Timeout = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        Assert.Equal(AnswerValue.Timeout, timedOut.Value);

        reader.Supply("f");
        var next = await interviewer.AskAsync(Choice, CancellationToken.None);
        Assert.Equal("F", next.SelectedOption!.Key);
    }

    [Fact]
    public async Task A_question_abandoned_at_its_timeout_never_swallows_the_next_questions_line()
    {
        // The race: QuestionTimeouts returns while the abandoned read's cancellation callback has not run yet,
        // so a line supplied right away could complete the abandoned read first. A 1 ms timeout hits it often.
        for (var iteration = 0; iteration < 100; iteration++)
        {
            using var reader = new BlockingReader();
            await using var writer = new StringWriter();
            using var interviewer = new ConsoleInterviewer(reader, writer);
            var timedOut = await interviewer.AskAsync(Choice with { Timeout = TimeSpan.FromMilliseconds(1) }, CancellationToken.None);
            Assert.Equal(AnswerValue.Timeout, timedOut.Value);

            reader.Supply("f");
            var next = interviewer.AskAsync(Choice, CancellationToken.None);
            var finished = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(5)));
            if (finished != next)
            {
                reader.Supply(null); // releases the blocked read so the test host can finish
                Assert.Fail($"Iteration {iteration}: the line meant for the next question was consumed by the abandoned one.");
            }

            Assert.Equal("F", (await next).SelectedOption!.Key);
        }
    }

    [Fact]
    public async Task Timeout_with_default_gives_the_default()
    {
        using var reader = new BlockingReader();
        await using var writer = new StringWriter();
        using var interviewer = new ConsoleInterviewer(reader, writer);
        var answer = await interviewer.AskAsync(new Question("Deploy?", QuestionType.YesNo, "s") { Timeout = TimeSpan.FromMilliseconds(100), Default = Answer.No }, CancellationToken.None);
        Assert.Equal(AnswerValue.No, answer.Value);
        reader.Supply(null);
    }

    [Fact]
    public async Task Inform_writes_a_line()
    {
        await using var writer = new StringWriter();
        using var interviewer = new ConsoleInterviewer(new StringReader(string.Empty), writer);
        await interviewer.InformAsync("tests are green", "verify", CancellationToken.None);
        Assert.Equal("[i] verify: tests are green" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public async Task Ask_multiple_answers_in_order()
    {
        using var reader = new StringReader("y\nhello\n");
        await using var writer = new StringWriter();
        using var interviewer = new ConsoleInterviewer(reader, writer);
        var answers = await interviewer.AskMultipleAsync([new("a?", QuestionType.YesNo, "s"), new("b?", QuestionType.Freeform, "s")], CancellationToken.None);
        Assert.Equal(AnswerValue.Yes, answers[0].Value);
        Assert.Equal("hello", answers[1].Text);
    }
}
