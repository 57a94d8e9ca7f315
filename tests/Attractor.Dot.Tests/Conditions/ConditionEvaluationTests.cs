// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Conditions;

namespace Attractor.Dot.Tests.Conditions;

/// <summary>attractor-spec §11.9 and the semantics of §10.3-§10.5.</summary>
public sealed class ConditionEvaluationTests
{
    private static readonly Dictionary<string, string> Context = new(StringComparer.Ordinal)
    {
        ["tests_passed"] = "true",
        ["context.qualified_only"] = "from-qualified",
        ["both"] = "stripped",
        ["context.both"] = "qualified",
        ["last_stage"] = "seed",
        ["empty"] = string.Empty,
        ["flag_false"] = "false",
        ["flag_False"] = "False",
        ["flag_zero"] = "0",
        ["flag_yes"] = "yes",
        ["count"] = "10",
    };

    [Theory]
    [InlineData("outcome=success", "success", true)]
    [InlineData("outcome=success", "fail", false)]
    [InlineData("context.tests_passed=true", "success", true)]
    [InlineData("context.last_stage=plan", "success", false)]
    public void Equals_compares_strings(string condition, string status, bool expected) =>
        Assert.Equal(expected, Evaluate(condition, status));

    [Theory]
    [InlineData("outcome!=success", "success", false)]
    [InlineData("outcome!=success", "fail", true)]
    [InlineData("context.last_stage!=seed", "success", false)]
    [InlineData("context.last_stage!=plan", "success", true)]
    public void Not_equals_works(string condition, string status, bool expected) =>
        Assert.Equal(expected, Evaluate(condition, status));

    [Theory]
    [InlineData("outcome=success && context.tests_passed=true", "success", true)]
    [InlineData("outcome=success && context.tests_passed=false", "success", false)]
    [InlineData("outcome=fail && context.tests_passed=true", "success", false)]
    [InlineData("outcome=success && context.tests_passed=true && last_stage=seed", "success", true)]
    [InlineData("outcome=success && context.tests_passed=true && last_stage=plan", "success", false)]
    public void And_requires_every_clause(string condition, string status, bool expected) =>
        Assert.Equal(expected, Evaluate(condition, status));

    [Theory]
    [InlineData("success")]
    [InlineData("fail")]
    [InlineData("retry")]
    [InlineData("partial_success")]
    public void Outcome_resolves_to_the_outcome_status(string status)
    {
        Assert.True(Evaluate("outcome=" + status, status));
        Assert.Equal(status, Clause("outcome=x").Resolve(new ConditionScope(status)));
    }

    [Fact]
    public void Preferred_label_resolves_to_the_outcome_preferred_label()
    {
        var scope = new ConditionScope("success", "Fix it", Context);

        Assert.True(ParseValid("preferred_label=\"Fix it\"").Evaluate(scope));
        Assert.False(ParseValid("preferred_label=Approve").Evaluate(scope));
        Assert.True(ParseValid("preferred_label=\"\"").Evaluate(new ConditionScope("success")));
    }

    [Fact]
    public void Context_keys_resolve_to_context_values_and_missing_keys_are_empty()
    {
        var scope = new ConditionScope("success", null, Context);

        Assert.Equal("true", Clause("context.tests_passed=x").Resolve(scope));
        Assert.Equal(string.Empty, Clause("context.missing=x").Resolve(scope));
        Assert.True(ParseValid("context.missing=\"\"").Evaluate(scope));
        Assert.False(ParseValid("context.missing=anything").Evaluate(scope));
        Assert.True(ParseValid("context.missing!=anything").Evaluate(scope));
    }

    [Fact]
    public void Context_keys_try_the_qualified_key_first_then_without_the_prefix()
    {
        var scope = new ConditionScope("success", null, Context);

        Assert.Equal("qualified", Clause("context.both=x").Resolve(scope));
        Assert.Equal("from-qualified", Clause("context.qualified_only=x").Resolve(scope));
        Assert.Equal("seed", Clause("context.last_stage=x").Resolve(scope));
    }

    [Fact]
    public void Unqualified_keys_read_the_context_directly()
    {
        var scope = new ConditionScope("success", null, Context);

        Assert.True(ParseValid("last_stage=seed").Evaluate(scope));
        Assert.False(ParseValid("last_stage!=seed").Evaluate(scope));
        Assert.Equal(string.Empty, Clause("qualified_only=x").Resolve(scope));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_condition_is_always_true(string? condition)
    {
        Assert.True(ParseValid(condition).Evaluate(new ConditionScope("fail")));
        Assert.True(new ConditionCache().Evaluate(condition, new ConditionScope("fail")));
    }

    [Fact]
    public void Comparison_is_exact_and_case_sensitive()
    {
        Assert.False(Evaluate("outcome=SUCCESS", "success"));
        Assert.False(Evaluate("outcome=success", "SUCCESS"));
        Assert.False(Evaluate("context.last_stage=Seed", "success"));
        Assert.False(Evaluate("context.count=010", "success"));
    }

    [Theory]
    [InlineData("context.flag_yes", true)]
    [InlineData("context.tests_passed", true)]
    [InlineData("context.count", true)]
    [InlineData("context.missing", false)]
    [InlineData("context.empty", false)]
    [InlineData("context.flag_false", false)]
    [InlineData("context.flag_False", false)]
    [InlineData("context.flag_zero", false)]
    [InlineData("flag_yes", true)]
    [InlineData("outcome", true)]
    [InlineData("preferred_label", false)]
    public void A_bare_key_is_true_when_its_value_is_truthy(string condition, bool expected) =>
        Assert.Equal(expected, ParseValid(condition).Evaluate(new ConditionScope("success", null, Context)));

    [Theory]
    [InlineData("x", true)]
    [InlineData("true", true)]
    [InlineData("00", true)]
    [InlineData(" ", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    public void Truthiness_is_non_empty_and_not_false_or_zero(string? value, bool expected) =>
        Assert.Equal(expected, ConditionClause.IsTruthy(value));

    [Fact]
    public void The_corpus_bare_truthy_condition_routes_on_tool_output()
    {
        var expression = ParseValid("outcome=success && context.tool.output");
        var withOutput = new Dictionary<string, string>(StringComparer.Ordinal) { ["tool.output"] = "3 findings" };

        Assert.True(expression.Evaluate(new ConditionScope("success", null, withOutput)));
        Assert.False(expression.Evaluate(new ConditionScope("success")));
        Assert.False(expression.Evaluate(new ConditionScope("fail", null, withOutput)));
    }

    [Fact]
    public void A_struct_scope_evaluates_without_the_dictionary_adapter()
    {
        var expression = ParseValid("outcome=success && context.k=v && preferred_label=Go");

        Assert.True(expression.Evaluate(new StructScope("success", "Go")));
        Assert.False(expression.Evaluate(new StructScope("success", "Stop")));
    }

    [Fact]
    public void The_cache_parses_each_text_once_and_treats_invalid_conditions_as_false()
    {
        var cache = new ConditionCache();

        var first = cache.GetOrParse("outcome=success");
        Assert.Same(first, cache.GetOrParse("outcome=success"));
        Assert.Equal(1, cache.Count);
        Assert.True(cache.Evaluate("outcome=success", new ConditionScope("success")));
        Assert.False(cache.Evaluate("outcome==success", new ConditionScope("success")));
        Assert.False(cache.GetOrParse("outcome==success").Success);
    }

    [Fact]
    public void A_bounded_cache_stops_keeping_new_conditions_when_full()
    {
        var cache = new ConditionCache(maxEntries: 1);

        var first = cache.GetOrParse("a=1");
        var second = cache.GetOrParse("b=2");

        Assert.Equal(1, cache.Count);
        Assert.Same(first, cache.GetOrParse("a=1"));
        Assert.NotSame(second, cache.GetOrParse("b=2"));
        Assert.True(cache.GetOrParse("b=2").Success);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionCache(-1));
    }

    [Fact]
    public void Outcome_statuses_are_known_case_sensitively_and_suggested()
    {
        Assert.True(OutcomeStatuses.IsKnown("success"));
        Assert.True(OutcomeStatuses.IsKnown("skipped"));
        Assert.False(OutcomeStatuses.IsKnown("SUCCESS"));
        Assert.Equal("success", OutcomeStatuses.Suggest("succeeded"));
        Assert.Equal("fail", OutcomeStatuses.Suggest("failed"));
        Assert.Equal("success", OutcomeStatuses.Suggest("SUCCESS"));
        Assert.Equal("partial_success", OutcomeStatuses.Suggest("partial_sucess"));
        Assert.Equal("retry", OutcomeStatuses.Suggest("rety"));
        Assert.Null(OutcomeStatuses.Suggest("needs_replan"));
    }

    private static bool Evaluate(string condition, string status) =>
        ParseValid(condition).Evaluate(new ConditionScope(status, null, Context));

    private static ConditionClause Clause(string condition) => Assert.Single(ParseValid(condition).Clauses);

    private static ConditionExpression ParseValid(string? text)
    {
        var result = ConditionExpression.Parse(text);
        Assert.True(result.Success);
        return result.Expression!;
    }

    private readonly struct StructScope(string status, string label) : IConditionScope
    {
        public string OutcomeStatus => status;

        public string PreferredLabel => label;

        public bool TryGetContextValue(string key, out string? value)
        {
            value = key == "k" ? "v" : null;
            return value is not null;
        }
    }
}
