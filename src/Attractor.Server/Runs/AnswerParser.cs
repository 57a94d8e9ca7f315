// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;
using Attractor.Server.Api;

namespace Attractor.Server.Runs;

/// <summary>Turns an answer body into an <see cref="Answer"/> for its question, or says why it does not fit.</summary>
internal static class AnswerParser
{
    public static Answer? Parse(AnswerRequest request, Question question, out string? problem)
    {
        problem = null;
        if (string.Equals(request.Value?.Trim(), "skip", StringComparison.OrdinalIgnoreCase))
        {
            return Answer.Skipped;
        }

        return question.Type switch
        {
            QuestionType.MultipleChoice => Choice(request, question, out problem),
            QuestionType.MultiSelect => Choices(request, question, out problem),
            QuestionType.YesNo or QuestionType.Confirmation => YesNo(request, out problem),
            _ => FreeText(request, out problem),
        };
    }

    private static Answer? Choice(AnswerRequest request, Question question, out string? problem)
    {
        var typed = request.Option ?? request.Text;
        var option = OptionMatcher.Match(typed, question.Options);
        problem = option is null ? $"'{typed}' is none of the options; send {{\"option\": KEY}} with one of: {Keys(question)}" : null;
        return option is null ? null : Answer.Select(option);
    }

    private static Answer? Choices(AnswerRequest request, Question question, out string? problem)
    {
        var typed = request.Options is { Count: > 0 } many ? string.Join(",", many) : request.Option ?? request.Text;
        var options = OptionMatcher.MatchMany(typed, question.Options);
        problem = options is null ? $"'{typed}' does not name options of this question; send {{\"options\": [KEY, ...]}} from: {Keys(question)}" : null;
        return options is null ? null : Answer.SelectMany(options);
    }

    private static Answer? YesNo(AnswerRequest request, out string? problem)
    {
        var typed = request.Value ?? request.Option ?? request.Text;
        var value = OptionMatcher.MatchYesNo(typed);
        problem = value is null ? $"'{typed}' is not yes or no; send {{\"value\": \"yes\"}} or {{\"value\": \"no\"}}" : null;
        return value is null ? null : value == AnswerValue.Yes ? Answer.Yes : Answer.No;
    }

    private static Answer? FreeText(AnswerRequest request, out string? problem)
    {
        problem = request.Text is null ? "this question expects free text; send {\"text\": \"...\"}" : null;
        return request.Text is null ? null : Answer.FromText(request.Text);
    }

    private static string Keys(Question question) => string.Join(", ", question.Options.Select(static o => o.Key));
}
