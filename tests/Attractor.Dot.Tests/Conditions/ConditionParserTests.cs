// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Conditions;
using CsCheck;

namespace Attractor.Dot.Tests.Conditions;

public sealed class ConditionParserTests
{
    [Fact]
    public void A_clause_records_key_operator_and_literal_with_offsets()
    {
        var clause = Assert.Single(ParseValid("outcome=success").Clauses);

        Assert.Equal("outcome", clause.Key);
        Assert.Equal(ConditionKeyKind.Outcome, clause.KeyKind);
        Assert.Equal((0, 7), (clause.KeyStart, clause.KeyLength));
        Assert.Equal(ConditionOperator.Equals, clause.Operator);
        Assert.Equal((7, 1), (clause.OperatorStart, clause.OperatorLength));
        Assert.Equal("success", clause.Literal);
        Assert.Equal(ConditionLiteralKind.Bare, clause.LiteralKind);
        Assert.Equal((8, 7), (clause.LiteralStart, clause.LiteralLength));
        Assert.Equal((0, 15), (clause.Start, clause.Length));
    }

    [Fact]
    public void Clauses_joined_by_and_keep_offsets_across_whitespace_and_quotes()
    {
        const string Text = "  context.tests_passed = true  &&  preferred_label != \"Fix it\" ";
        var clauses = ParseValid(Text).Clauses;

        Assert.Equal(2, clauses.Count);
        var first = clauses[0];
        Assert.Equal("context.tests_passed", first.Key);
        Assert.Equal(ConditionKeyKind.Context, first.KeyKind);
        Assert.Equal("tests_passed", first.ContextKey);
        Assert.Equal((2, 20), (first.KeyStart, first.KeyLength));
        Assert.Equal((23, 1), (first.OperatorStart, first.OperatorLength));
        Assert.Equal(("true", ConditionLiteralKind.Boolean), (first.Literal, first.LiteralKind));
        Assert.Equal((25, 4), (first.LiteralStart, first.LiteralLength));

        var second = clauses[1];
        Assert.Equal(ConditionKeyKind.PreferredLabel, second.KeyKind);
        Assert.Equal((35, 15), (second.KeyStart, second.KeyLength));
        Assert.Equal(ConditionOperator.NotEquals, second.Operator);
        Assert.Equal((51, 2), (second.OperatorStart, second.OperatorLength));
        Assert.Equal(("Fix it", ConditionLiteralKind.String), (second.Literal, second.LiteralKind));
        Assert.Equal((54, 8), (second.LiteralStart, second.LiteralLength));
        Assert.Equal("Fix it", Text.Substring(second.LiteralStart + 1, second.LiteralLength - 2));
    }

    [Fact]
    public void A_bare_key_is_a_truthy_test()
    {
        var clauses = ParseValid("outcome=success && context.tool.output").Clauses;

        var truthy = clauses[1];
        Assert.Equal(ConditionOperator.Truthy, truthy.Operator);
        Assert.Equal("context.tool.output", truthy.Key);
        Assert.Equal("tool.output", truthy.ContextKey);
        Assert.Equal(ConditionLiteralKind.None, truthy.LiteralKind);
        Assert.Equal((19, 19), (truthy.Start, truthy.Length));
        Assert.Equal(0, truthy.OperatorLength);
    }

    [Fact]
    public void An_unqualified_key_reads_the_context()
    {
        var clause = Assert.Single(ParseValid("last_stage!=seed").Clauses);

        Assert.Equal(ConditionKeyKind.Unqualified, clause.KeyKind);
        Assert.Equal("last_stage", clause.ContextKey);
    }

    [Theory]
    [InlineData("context.n=-1", "-1", ConditionLiteralKind.Integer)]
    [InlineData("context.n=42", "42", ConditionLiteralKind.Integer)]
    [InlineData("context.b=false", "false", ConditionLiteralKind.Boolean)]
    [InlineData("context.m=gpt-5.2:latest", "gpt-5.2:latest", ConditionLiteralKind.Bare)]
    [InlineData("context.s=\"a \\\"quoted\\\" \\\\ word\"", "a \"quoted\" \\ word", ConditionLiteralKind.String)]
    [InlineData("context.s=\"tab\\there\\nnew\"", "tab\there\nnew", ConditionLiteralKind.String)]
    [InlineData("context.s=\"keep \\x\"", "keep \\x", ConditionLiteralKind.String)]
    [InlineData("context.s=\"\"", "", ConditionLiteralKind.String)]
    [InlineData("context.s=\"a && b\"", "a && b", ConditionLiteralKind.String)]
    public void Literals_are_strings_integers_booleans_or_bare_words(string text, string literal, ConditionLiteralKind kind)
    {
        var clause = Assert.Single(ParseValid(text).Clauses);

        Assert.Equal(literal, clause.Literal);
        Assert.Equal(kind, clause.LiteralKind);
        Assert.Equal(text.Length, clause.LiteralStart + clause.LiteralLength);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void An_empty_condition_has_no_clauses(string? text)
    {
        var expression = ParseValid(text);

        Assert.True(expression.IsEmpty);
        Assert.Empty(expression.Clauses);
    }

    [Theory]
    [InlineData("outcome=success")]
    [InlineData("outcome=fail")]
    [InlineData("outcome=success && context.tests_passed=true")]
    [InlineData("context.loop_state!=exhausted")]
    [InlineData("preferred_label=Fix")]
    public void The_examples_of_section_10_6_parse(string text) => ParseValid(text);

    [Theory]
    [InlineData("outcome=succeeded")]
    [InlineData("outcome=failed && context.failure_class=transient_infra")]
    [InlineData("outcome=failed && context.failure_class!=transient_infra")]
    [InlineData("outcome=success && context.tool.output")]
    [InlineData("outcome=needs_toolchain")]
    [InlineData("last_stage=seed")]
    [InlineData("last_stage!=seed")]
    [InlineData("context.tool_stdout=no_findings")]
    [InlineData("context.tool.last_line=pass")]
    [InlineData("context.internal.loop_restart_count=0")]
    [InlineData("context.internal.loop_restart_count!=0")]
    public void Every_condition_of_the_corpus_parses(string text) => ParseValid(text);

    [Theory]
    [InlineData("outcome=success && && context.x=1", 19, 2, "empty clause")]
    [InlineData("&& outcome=success", 0, 2, "starts with it")]
    [InlineData("outcome=success &&", 16, 2, "ends after it")]
    [InlineData("outcome=success &&   ", 16, 2, "ends after it")]
    [InlineData("=success", 0, 1, "missing key")]
    [InlineData("!=success", 0, 2, "missing key")]
    [InlineData("outcome==success", 7, 2, "'=='")]
    [InlineData("outcome=success || outcome=fail", 16, 2, "OR")]
    [InlineData("outcome=success OR outcome=fail", 16, 2, "OR")]
    [InlineData("outcome=success or outcome=fail", 16, 2, "OR")]
    [InlineData("outcome || x", 8, 2, "OR")]
    [InlineData("NOT outcome=success", 0, 3, "NOT")]
    [InlineData("!context.flag", 0, 1, "NOT")]
    [InlineData("context.flag ! x", 13, 1, "NOT")]
    [InlineData("context.items contains x", 14, 8, "'contains'")]
    [InlineData("context.name matches \"a.*\"", 13, 7, "'matches'")]
    [InlineData("outcome =~ fail", 8, 2, "'matches'")]
    [InlineData("context.count>3", 13, 1, "'>'")]
    [InlineData("context.count<3", 13, 1, "'<'")]
    [InlineData("context.count>=3", 13, 2, "'>='")]
    [InlineData("context.count <= 3", 14, 2, "'<='")]
    [InlineData("preferred_label=\"Fix", 16, 4, "unterminated")]
    [InlineData("outcome=success && preferred_label=\"Fix && x", 35, 9, "unterminated")]
    [InlineData("context.my-key=x", 10, 1, "invalid character '-'")]
    [InlineData("context.x$=1", 9, 1, "invalid character '$'")]
    [InlineData("context..x=1", 8, 1, "empty name")]
    [InlineData("context.=1", 7, 1, "empty name")]
    [InlineData("1abc=x", 0, 4, "must start with a letter")]
    [InlineData("\"outcome\"=success", 0, 1, "cannot be quoted")]
    [InlineData("(outcome=success)", 0, 1, "parentheses")]
    [InlineData("outcome=", 7, 1, "missing value")]
    [InlineData("outcome!=  && x", 7, 2, "missing value")]
    [InlineData("outcome=success extra", 16, 5, "unexpected 'extra'")]
    [InlineData("outcome=a/b", 9, 1, "unexpected character '/'")]
    [InlineData("outcome success", 8, 7, "expected '=', '!=' or '&&'")]
    [InlineData("outcome=success & x", 16, 1, "'&&'")]
    [InlineData("outcome AND x", 8, 3, "'&&'")]
    [InlineData("outcome=success and context.x=1", 16, 3, "'&&'")]
    [InlineData("outcome='fail'", 8, 1, "single quotes")]
    [InlineData("outcome=>fail", 8, 1, "unexpected character '>'")]
    [InlineData("-x=1", 0, 1, "unexpected character '-'")]
    public void Each_kind_of_error_is_located_at_the_offending_token(string text, int start, int length, string message)
    {
        var result = ConditionExpression.Parse(text);

        Assert.False(result.Success);
        Assert.Null(result.Expression);
        var error = Assert.Single(result.Errors);
        Assert.Equal((start, length), (error.Start, error.Length));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_operators_name_the_operator_and_what_is_supported()
    {
        foreach (var text in new[] { "a contains b", "a matches b", "a>1", "a || b", "NOT a" })
        {
            var error = Assert.Single(ConditionExpression.Parse(text).Errors);
            Assert.Contains("§10.7", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fixes_are_offered_where_the_rewrite_is_obvious()
    {
        Assert.Equal("write outcome=success && x=1", ConditionExpression.Parse("outcome==success && x=1").Errors[0].Fix);
        Assert.Equal("write outcome=\"\"", ConditionExpression.Parse("outcome=").Errors[0].Fix);
        Assert.Equal("remove the extra '&&': a=1 && b=2", ConditionExpression.Parse("a=1 && && b=2").Errors[0].Fix);
    }

    [Fact]
    public void Every_bad_clause_is_reported_not_just_the_first()
    {
        var result = ConditionExpression.Parse("outcome==a && ok=1 && b>1 && context.x contains y");

        Assert.Equal(
            new[] { (7, 2), (23, 1), (39, 8) },
            result.Errors.Select(e => (e.Start, e.Length)).ToArray());
    }

    [Fact]
    public void TryParse_returns_the_expression_or_the_errors()
    {
        Assert.True(ConditionExpression.TryParse("outcome=success", out var expression, out var errors));
        Assert.NotNull(expression);
        Assert.Empty(errors);

        Assert.False(ConditionExpression.TryParse("outcome==success", out expression, out errors));
        Assert.Null(expression);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("outcome=success", "outcome=success")]
    [InlineData("  outcome = success &&context.x!=\"a b\"", "outcome=success && context.x!=\"a b\"")]
    [InlineData("context.flag", "context.flag")]
    [InlineData("x=\"plain\"", "x=plain")]
    [InlineData("x=\"\"", "x=\"\"")]
    public void ToString_is_canonical_and_reparses_to_the_same_clauses(string text, string canonical)
    {
        var expression = ParseValid(text);

        Assert.Equal(canonical, expression.ToString());
        var reparsed = ParseValid(expression.ToString());
        Assert.Equal(
            expression.Clauses.Select(c => (c.Key, c.Operator, c.Literal)),
            reparsed.Clauses.Select(c => (c.Key, c.Operator, c.Literal)));
    }

    [Fact]
    public void Parse_never_throws_and_locates_everything_inside_the_text_on_random_strings()
    {
        Gen.String.Sample(CheckInvariants, iter: 20_000);
    }

    [Fact]
    public void Parse_never_throws_on_strings_made_of_condition_characters()
    {
        var chars = Gen.Char["outcmeprfd_labl.x=!&|<>\"\\ ()'01-:\tNOTcontains"];
        Gen.String[chars, 0, 40].Sample(CheckInvariants, iter: 50_000);
    }

    private static void CheckInvariants(string text)
    {
        var result = ConditionExpression.Parse(text);
        Assert.Equal(result.Success, result.Errors.Count == 0);
        Assert.Equal(result.Success, result.Expression is not null);
        foreach (var error in result.Errors)
        {
            Assert.InRange(error.Start, 0, text.Length);
            Assert.InRange(error.Length, 0, text.Length - error.Start);
            Assert.False(string.IsNullOrEmpty(error.Message));
        }

        if (result.Expression is { } expression)
        {
            foreach (var clause in expression.Clauses)
            {
                Assert.Equal(clause.Key, text.Substring(clause.KeyStart, clause.KeyLength));
                Assert.InRange(clause.LiteralStart + clause.LiteralLength, 0, text.Length);
            }

            // Canonical text parses back to the same clauses.
            var again = ConditionExpression.Parse(expression.ToString());
            Assert.True(again.Success, expression.ToString());
            Assert.Equal(expression.Clauses.Count, again.Expression!.Clauses.Count);
            _ = expression.Evaluate(new ConditionScope("success"));
        }
    }

    private static ConditionExpression ParseValid(string? text)
    {
        var result = ConditionExpression.Parse(text);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Start + ": " + e.Message)));
        return result.Expression!;
    }
}
