// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;
using Attractor.Server.Api;
using Attractor.Server.Runs;

namespace Attractor.Server.Tests;

/// <summary>The web answers for every question type (human gates ask multiple choice; custom handlers ask the rest).</summary>
public sealed class AnswerParserTests
{
    private static readonly QuestionOption[] Options = [new("A", "[A] Approve"), new("F", "[F] Fix"), new("S", "[S] Skip tests")];

    [Fact]
    public void Multiple_choice_takes_a_key_or_a_label_and_lists_the_keys_when_neither_matches()
    {
        var question = new Question("Ship?", QuestionType.MultipleChoice, "gate") { Options = Options };
        Assert.Equal("F", AnswerParser.Parse(new AnswerRequest { Option = "f" }, question, out _)!.SelectedOption!.Key);
        Assert.Equal("A", AnswerParser.Parse(new AnswerRequest { Option = "Approve" }, question, out _)!.SelectedOption!.Key);
        Assert.Null(AnswerParser.Parse(new AnswerRequest { Option = "Z" }, question, out var problem));
        Assert.Contains("A, F, S", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_select_takes_several_options()
    {
        var question = new Question("Which?", QuestionType.MultiSelect, "gate") { Options = Options };
        var answer = AnswerParser.Parse(new AnswerRequest { Options = ["A", "S"] }, question, out _);
        Assert.Equal(["A", "S"], answer!.SelectedOptions.Select(o => o.Key));
        Assert.Null(AnswerParser.Parse(new AnswerRequest { Options = ["A", "Q"] }, question, out var problem));
        Assert.Contains("options", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(QuestionType.YesNo)]
    [InlineData(QuestionType.Confirmation)]
    public void Yes_no_and_confirmation_take_yes_or_no(QuestionType type)
    {
        var question = new Question("Sure?", type, "gate");
        Assert.Equal(AnswerValue.Yes, AnswerParser.Parse(new AnswerRequest { Value = "yes" }, question, out _)!.Value);
        Assert.Equal(AnswerValue.No, AnswerParser.Parse(new AnswerRequest { Value = "N" }, question, out _)!.Value);
        Assert.Null(AnswerParser.Parse(new AnswerRequest { Value = "maybe" }, question, out var problem));
        Assert.Contains("yes or no", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_needs_text_and_any_question_can_be_skipped()
    {
        var question = new Question("Why?", QuestionType.Freeform, "gate");
        Assert.Equal("because", AnswerParser.Parse(new AnswerRequest { Text = "because" }, question, out _)!.Text);
        Assert.Null(AnswerParser.Parse(new AnswerRequest { Option = "A" }, question, out var problem));
        Assert.Contains("free text", problem, StringComparison.Ordinal);
        Assert.Equal(AnswerValue.Skipped, AnswerParser.Parse(new AnswerRequest { Value = "skip" }, question, out _)!.Value);
    }
}
