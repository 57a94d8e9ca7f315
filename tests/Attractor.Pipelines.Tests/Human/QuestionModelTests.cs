// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Human;

/// <summary>§6.2/§11.8 question types (both namings), option matching and §6.5 timeouts.</summary>
public sealed class QuestionModelTests
{
    private static readonly QuestionOption[] Options = [new("A", "[A] Approve"), new("F", "Fix"), new("R", "R - Reject")];

    [Theory]
    [InlineData("YES_NO", QuestionType.YesNo)]
    [InlineData("MULTIPLE_CHOICE", QuestionType.MultipleChoice)]
    [InlineData("FREEFORM", QuestionType.Freeform)]
    [InlineData("CONFIRMATION", QuestionType.Confirmation)]
    [InlineData("SINGLE_SELECT", QuestionType.MultipleChoice)]
    [InlineData("MULTI_SELECT", QuestionType.MultiSelect)]
    [InlineData("FREE_TEXT", QuestionType.Freeform)]
    [InlineData("CONFIRM", QuestionType.Confirmation)]
    [InlineData("multiple-choice", QuestionType.MultipleChoice)]
    [InlineData("yes no", QuestionType.YesNo)]
    public void Both_namings_of_the_question_types_parse(string name, QuestionType expected)
    {
        Assert.True(QuestionTypeNames.TryParse(name, out var type));
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Canonical_names_round_trip_and_unknown_names_fail()
    {
        foreach (var type in Enum.GetValues<QuestionType>())
        {
            Assert.True(QuestionTypeNames.TryParse(type.ToWireName(), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.False(QuestionTypeNames.TryParse("RANKING", out _));
        Assert.Equal("MULTIPLE_CHOICE", QuestionType.MultipleChoice.ToWireName());
    }

    [Theory]
    [InlineData("a", "A")]
    [InlineData("A", "A")]
    [InlineData("approve", "A")]
    [InlineData("[a] APPROVE", "A")]
    [InlineData(" fix ", "F")]
    [InlineData("reject", "R")]
    [InlineData("r - reject", "R")]
    public void Options_match_by_key_or_label_case_insensitively(string input, string key) =>
        Assert.Equal(key, OptionMatcher.Match(input, Options)?.Key);

    [Theory]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("approved")]
    public void Unknown_input_matches_nothing(string input) => Assert.Null(OptionMatcher.Match(input, Options));

    [Fact]
    public void Keys_win_over_labels()
    {
        QuestionOption[] options = [new("F", "Fail"), new("X", "f")];
        Assert.Equal("F", OptionMatcher.Match("f", options)!.Key);
    }

    [Fact]
    public void Multi_select_matches_lists()
    {
        Assert.Equal(["A", "R"], OptionMatcher.MatchMany("a, r", Options)!.Select(o => o.Key));
        Assert.Equal(["F"], OptionMatcher.MatchMany("fix", Options)!.Select(o => o.Key));
        Assert.Null(OptionMatcher.MatchMany("a,zzz", Options));
        var answer = Answer.SelectMany([Options[0], Options[2]]);
        Assert.Equal(Options[0], answer.SelectedOption);
        Assert.Equal("A,R", answer.Text);
    }

    [Theory]
    [InlineData("y", AnswerValue.Yes)]
    [InlineData("YES", AnswerValue.Yes)]
    [InlineData("n", AnswerValue.No)]
    [InlineData("No", AnswerValue.No)]
    [InlineData("maybe", null)]
    public void Yes_no_words(string input, AnswerValue? expected) => Assert.Equal(expected, OptionMatcher.MatchYesNo(input));

    [Fact]
    public async Task Timeout_gives_the_default_when_there_is_one_else_timeout()
    {
        var silent = new Question("q", QuestionType.YesNo, "s") { Timeout = TimeSpan.FromMilliseconds(50) };
        var answer = await QuestionTimeouts.AskAsync(silent, WaitForever, CancellationToken.None);
        Assert.Equal(AnswerValue.Timeout, answer.Value);

        var withDefault = silent with { Default = Answer.No };
        Assert.Same(Answer.No, await QuestionTimeouts.AskAsync(withDefault, WaitForever, CancellationToken.None));
    }

    [Fact]
    public async Task Timeout_abandons_an_ask_that_ignores_its_token()
    {
        var never = new TaskCompletionSource<Answer>();
        var question = new Question("q", QuestionType.YesNo, "s") { Timeout = TimeSpan.FromMilliseconds(50) };
        var answer = await QuestionTimeouts.AskAsync(question, _ => never.Task, CancellationToken.None);
        Assert.Equal(AnswerValue.Timeout, answer.Value);
    }

    [Fact]
    public async Task Answer_in_time_wins_and_no_timeout_waits()
    {
        var question = new Question("q", QuestionType.YesNo, "s") { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Same(Answer.Yes, await QuestionTimeouts.AskAsync(question, _ => Task.FromResult(Answer.Yes), CancellationToken.None));
        var untimed = question with { Timeout = null };
        Assert.Same(Answer.No, await QuestionTimeouts.AskAsync(untimed, async token => { await Task.Delay(20, token); return Answer.No; }, CancellationToken.None));
    }

    [Fact]
    public async Task Outer_cancellation_propagates_rather_than_timing_out()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var question = new Question("q", QuestionType.YesNo, "s") { Timeout = TimeSpan.FromSeconds(30), Default = Answer.Yes };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QuestionTimeouts.AskAsync(question, WaitForever, cancel.Token));
    }

    private static async Task<Answer> WaitForever(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        return Answer.Yes;
    }
}
