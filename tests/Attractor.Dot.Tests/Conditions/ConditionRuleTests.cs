// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Conditions;

/// <summary>condition_syntax (ATR2007) and condition_never_matches (ATR2016), through DOT text.</summary>
public sealed class ConditionRuleTests
{
    [Theory]
    [InlineData("outcome==success", "==", "'=='")]
    [InlineData("outcome=success || outcome=retry", "||", "OR")]
    [InlineData("context.items contains x", "contains", "'contains'")]
    [InlineData("context.n >= 3", ">=", "'>='")]
    [InlineData("NOT outcome=fail", "NOT", "NOT")]
    [InlineData("outcome=success && && context.ok", "&&", "empty clause")]
    public void A_bad_condition_is_an_error_at_the_offending_token(string condition, string token, string message)
    {
        var dot = Pipeline("work -> exit [label=\"go\", condition=\"" + condition + "\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionSyntaxRule()));

        Assert.Equal("ATR2007", diagnostic.Id);
        Assert.Equal("condition_syntax", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new EdgeReference("work", "exit"), diagnostic.Edge);
        Assert.Equal("test.dot", diagnostic.FilePath);
        var expectedStart = token == "&&" ? dot.LastIndexOf("&&", StringComparison.Ordinal) : dot.IndexOf(token, StringComparison.Ordinal);
        Assert.Equal(expectedStart, diagnostic.Span.Start);
        Assert.Equal(token.Length, diagnostic.Span.Length);
        Assert.Equal(dot.Substring(diagnostic.Span.Start, diagnostic.Span.Length), token);
        Assert.Contains("'work -> exit'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_account_for_escapes_in_the_dot_string()
    {
        // The DOT value is preferred_label="Fix (unterminated); the condition's quote is \" in the file.
        var dot = Pipeline("work -> exit [condition=\"preferred_label=\\\"Fix\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionSyntaxRule()));

        var quote = dot.IndexOf("\\\"Fix", StringComparison.Ordinal);
        Assert.Equal(quote, diagnostic.Span.Start);
        Assert.Equal("\\\"Fix", dot.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Contains("unterminated", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_and_column_point_into_the_condition()
    {
        var dot = Pipeline("work -> exit [condition=\"outcome=success && x>1\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionSyntaxRule()));

        var offset = dot.IndexOf("x>1", StringComparison.Ordinal) + 1;
        var line = dot.Take(offset).Count(c => c == '\n') + 1;
        var column = offset - dot.LastIndexOf('\n', offset - 1);
        Assert.Equal((line, column), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
    }

    [Fact]
    public void Every_error_in_a_condition_is_reported()
    {
        var dot = Pipeline("work -> exit [condition=\"outcome==success && x>1\"]");

        Assert.Equal(2, Lint(dot, new ConditionSyntaxRule()).Count);
    }

    [Theory]
    [InlineData("outcome=success")]
    [InlineData("outcome=success && context.tests_passed=true")]
    [InlineData("context.loop_state!=exhausted")]
    [InlineData("preferred_label=Fix")]
    [InlineData("last_stage=seed")]
    [InlineData("outcome=success && context.tool.output")]
    [InlineData("")]
    public void Valid_conditions_report_nothing(string condition)
    {
        var dot = Pipeline("work -> exit [condition=\"" + condition + "\"]");

        Assert.Empty(Lint(dot, new ConditionSyntaxRule()));
        Assert.Empty(Lint(dot, new ConditionNeverMatchesRule()));
    }

    [Theory]
    [InlineData("outcome=succeeded", "succeeded", "write outcome=success")]
    [InlineData("outcome=failed", "failed", "write outcome=fail")]
    [InlineData("outcome=SUCCESS", "SUCCESS", "write outcome=success")]
    [InlineData("outcome=failed && context.failure_class=transient_infra", "failed", "write outcome=fail")]
    [InlineData("outcome!=failed", "failed", "write outcome!=fail")]
    public void An_outcome_literal_no_status_has_is_a_warning_with_the_closest_status(string condition, string literal, string fix)
    {
        var dot = Pipeline("work -> exit [condition=\"" + condition + "\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionNeverMatchesRule()));

        Assert.Equal("ATR2016", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(dot.IndexOf("=" + literal, StringComparison.Ordinal) + 1, diagnostic.Span.Start);
        Assert.Equal(literal.Length, diagnostic.Span.Length);
        Assert.Equal(fix, diagnostic.Fix);
        Assert.Equal(new EdgeReference("work", "exit"), diagnostic.Edge);
        Assert.Contains("success, fail, retry, partial_success or skipped", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(condition.StartsWith("outcome!=", StringComparison.Ordinal) ? "always true" : "can never match", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_status_gets_the_list_of_statuses_as_the_fix()
    {
        var dot = Pipeline("work -> exit [condition=\"outcome=needs_replan\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionNeverMatchesRule()));

        Assert.Contains("context.<key>", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("outcome=success")]
    [InlineData("outcome=fail")]
    [InlineData("outcome=retry")]
    [InlineData("outcome=partial_success")]
    [InlineData("outcome=skipped")]
    [InlineData("outcome=\"success\"")]
    public void Every_status_can_match(string condition)
    {
        var dot = Pipeline("work -> exit [condition=\"" + condition.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]");

        Assert.Empty(Lint(dot, new ConditionNeverMatchesRule()));
    }

    [Fact]
    public void A_key_that_differs_from_outcome_only_in_case_is_a_warning_at_the_key()
    {
        var dot = Pipeline("work -> exit [condition=\"Outcome=success\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionNeverMatchesRule()));

        Assert.Equal(dot.IndexOf("Outcome", StringComparison.Ordinal), diagnostic.Span.Start);
        Assert.Equal(7, diagnostic.Span.Length);
        Assert.Equal("write outcome", diagnostic.Fix);
    }

    [Theory]
    [InlineData("outcome=success && outcome=fail", "outcome=fail")]
    [InlineData("context.x=a && context.x!=a", "context.x!=a")]
    [InlineData("context.x!=a && context.x=a", "context.x=a")]
    public void Contradicting_clauses_are_a_warning_at_the_second_clause(string condition, string second)
    {
        var dot = Pipeline("work -> exit [condition=\"" + condition + "\"]");

        var diagnostic = Assert.Single(Lint(dot, new ConditionNeverMatchesRule()));

        Assert.Equal(dot.LastIndexOf(second, StringComparison.Ordinal), diagnostic.Span.Start);
        Assert.Equal(second.Length, diagnostic.Span.Length);
        Assert.Contains("cannot both hold", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("context.x=a && context.x=a")]
    [InlineData("context.x!=a && context.x!=b")]
    [InlineData("context.x=a && context.y=b")]
    public void Compatible_clauses_report_nothing(string condition) =>
        Assert.Empty(Lint(Pipeline("work -> exit [condition=\"" + condition + "\"]"), new ConditionNeverMatchesRule()));

    [Fact]
    public void A_condition_that_does_not_parse_is_left_to_condition_syntax()
    {
        var dot = Pipeline("work -> exit [condition=\"outcome==succeeded\"]");

        Assert.Empty(Lint(dot, new ConditionNeverMatchesRule()));
    }

    [Fact]
    public void Graphs_built_in_code_fall_back_to_the_edge_location()
    {
        var edgeSpan = new SourceSpan(40, 12, 3, 5, 3, 17);
        var edge = new PipelineEdge("a", "b", AttributeMap.FromPairs(("condition", "outcome==x")), edgeSpan);
        var graph = new PipelineGraph("g", null, [new PipelineNode("a"), new PipelineNode("b")], [edge]);

        var diagnostic = Assert.Single(new ConditionSyntaxRule().Apply(graph));

        Assert.Equal(edgeSpan, diagnostic.Span);
        Assert.Null(diagnostic.FilePath);
    }

    [Fact]
    public void Rule_names_are_the_spec_names()
    {
        Assert.Equal("condition_syntax", new ConditionSyntaxRule().Name);
        Assert.Equal("condition_never_matches", new ConditionNeverMatchesRule().Name);
    }

    private static string Pipeline(string edge) =>
        "digraph g {\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    work [prompt=\"Do it\"]\n    start -> work\n    " + edge + "\n}\n";

    private static List<DotDiagnostic> Lint(string dot, ILintRule rule)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return rule.Apply(parsed.Graph).ToList();
    }
}
