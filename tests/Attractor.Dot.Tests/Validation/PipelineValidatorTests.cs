// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;
using static Attractor.Dot.Tests.Validation.DiagnosticAssertions;
using static Attractor.Dot.Tests.Validation.TestGraphs;

namespace Attractor.Dot.Tests.Validation;

public sealed class PipelineValidatorTests
{
    [Fact]
    public void Built_in_rules_run_in_spec_table_order_then_ours()
    {
        var names = PipelineValidator.Default.Rules.Select(r => r.Name).ToArray();

        string[] spec =
        [
            "start_node", "terminal_node", "reachability", "edge_target_exists", "start_no_incoming", "exit_no_outgoing",
            "condition_syntax", "stylesheet_syntax", "type_known", "fidelity_valid", "retry_target_exists", "goal_gate_has_retry",
            "prompt_on_llm_nodes",
        ];
        string[] ours = ["exit_reachable", "shape_known", "condition_never_matches", "manager_child_pipeline", "tool_command_present", "attribute_value", "reasoning_effort_valid", "llm_backend_known"];

        Assert.Equal(spec.Concat(ours), names);
    }

    [Fact]
    public void Every_built_in_rule_is_named_after_its_descriptor()
    {
        var ruleNames = DiagnosticDescriptors.All.Select(d => d.Rule).ToHashSet();

        Assert.All(PipelineValidator.CreateBuiltInRules(), rule => Assert.Contains(rule.Name, ruleNames));
    }

    [Fact]
    public void Diagnostics_are_grouped_by_rule_in_rule_order()
    {
        // No start (ATR2001), orphan-free since reachability needs a start, two exits (ATR2002), a warning (ATR2013).
        var graph = Graph(
            [Node("a", 3), Node("x1", 4, ("shape", "Msquare")), Node("x2", 5, ("shape", "Msquare"))],
            [Edge("a", "x1", 6), Edge("a", "x2", 7)]);

        Assert.Equal(["ATR2001", "ATR2002", "ATR2013"], Validate(graph).Select(d => d.Id));
    }

    [Fact]
    public void Validation_is_deterministic()
    {
        var graph = Linear(
            [Node("orphan", 6), Node("ghosted", 7, ("fidelity", "bad"), ("max_retries", "x"))],
            [Edge("work", "ghosted", 12), Edge("ghosted", "nowhere", 13), Edge("exit", "work", 14)]);

        var first = Validate(graph).Select(d => d.ToString()).ToArray();
        var second = new PipelineValidator().Validate(graph).Select(d => d.ToString()).ToArray();

        Assert.Equal(first, second);
        Assert.True(first.Length >= 5);
    }

    [Fact]
    public void Custom_rules_run_after_the_built_in_rules_in_registration_order()
    {
        var first = new DelegateRule("first_custom", g => [Custom(g, "one")]);
        var second = new DelegateRule("second_custom", g => [Custom(g, "two")]);
        var validator = new PipelineValidator([first, second]);
        var graph = Linear([Node("orphan", 6, ("prompt", "p"))]);

        var diagnostics = validator.Validate(graph);

        Assert.Same(first, validator.Rules[^2]);
        Assert.Same(second, validator.Rules[^1]);
        Assert.Equal(["ATR2003", "CUSTOM", "CUSTOM"], diagnostics.Select(d => d.Id));
        Assert.Equal(["one", "two"], diagnostics.Skip(1).Select(d => d.Message));
        Assert.Equal(1, first.Calls);
    }

    [Fact]
    public void Custom_rules_do_not_change_the_default_validator()
    {
        _ = new PipelineValidator([new DelegateRule("x", _ => [])]);

        Assert.DoesNotContain(PipelineValidator.Default.Rules, r => r.Name == "x");
        Assert.Same(PipelineValidator.Default, PipelineValidator.Default);
    }

    [Fact]
    public void A_null_custom_rule_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PipelineValidator([null!]));
    }

    [Fact]
    public void A_throwing_rule_is_reported_as_ATR2999_and_validation_continues()
    {
        var throwing = new DelegateRule("exploding_rule", g => throw new InvalidOperationException("kaboom"));
        var after = new DelegateRule("after", g => [Custom(g, "still ran")]);
        var validator = new PipelineValidator([throwing, after]);

        var diagnostics = validator.Validate(Linear());

        var internalError = diagnostics.Single(DiagnosticDescriptors.InternalError);
        Assert.Equal("ATR2999", internalError.Id);
        Assert.Equal(DiagnosticSeverity.Error, internalError.Severity);
        Assert.Equal(GraphIdSpan, internalError.Span);
        Assert.Contains("'exploding_rule'", internalError.Message, StringComparison.Ordinal);
        Assert.Contains("kaboom", internalError.Message, StringComparison.Ordinal);
        Assert.Equal(FilePath, internalError.FilePath);
        Assert.False(string.IsNullOrEmpty(internalError.Fix));
        Assert.Equal("still ran", diagnostics[^1].Message);
    }

    [Fact]
    public void A_rule_that_throws_midway_keeps_what_it_reported_before()
    {
        static IEnumerable<DotDiagnostic> Lazy(PipelineGraph g)
        {
            yield return Custom(g, "first finding");
            throw new InvalidOperationException("lazy failure");
        }

        var diagnostics = new PipelineValidator([new DelegateRule("lazy", Lazy)]).Validate(Linear());

        Assert.Equal(["CUSTOM", "ATR2999"], diagnostics.Select(d => d.Id));
        Assert.Throws<PipelineValidationException>(() => new PipelineValidator([new DelegateRule("lazy", Lazy)]).ValidateOrThrow(Linear()));
    }

    [Fact]
    public void A_rule_returning_null_or_null_entries_is_tolerated()
    {
        var validator = new PipelineValidator([new DelegateRule("null_list", _ => null!), new DelegateRule("null_entry", _ => [null!])]);

        Assert.Empty(validator.Validate(Linear()));
    }

    [Fact]
    public void ValidateOrThrow_throws_on_errors_with_every_diagnostic_attached()
    {
        var graph = Linear([Node("orphan", 6), Node("gate", 7, ("goal_gate", "true"), ("prompt", "p"))], [Edge("work", "gate", 12), Edge("gate", "exit", 13)]);

        var exception = Assert.Throws<PipelineValidationException>(() => PipelineValidator.Default.ValidateOrThrow(graph));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("ATR2003", error.Id);
        Assert.Contains(exception.Diagnostics, d => d.Id == "ATR2012");
        Assert.Contains(error.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains("test.dot(6,5): error ATR2003:", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ATR2012", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOrThrow_returns_warnings_without_throwing()
    {
        var graph = Linear([Node("gate", 7, ("goal_gate", "true"), ("prompt", "p"))], [Edge("work", "gate", 12), Edge("gate", "exit", 13)]);

        var diagnostics = PipelineValidator.Default.ValidateOrThrow(graph);

        Assert.Equal("ATR2012", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void ValidateOrThrow_returns_an_empty_list_for_a_valid_pipeline()
    {
        Assert.Empty(PipelineValidator.Default.ValidateOrThrow(Linear()));
    }

    [Fact]
    public void The_exception_has_the_standard_constructors()
    {
        Assert.Empty(new PipelineValidationException().Diagnostics);
        Assert.Equal("m", new PipelineValidationException("m").Message);
        var inner = new InvalidOperationException();
        Assert.Same(inner, new PipelineValidationException("m", inner).InnerException);
    }

    [Fact]
    public void Null_graphs_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => PipelineValidator.Default.Validate(null!));
        Assert.All(PipelineValidator.CreateBuiltInRules(), rule => Assert.Throws<ArgumentNullException>(() => rule.Apply(null!).ToList()));
    }

    [Fact]
    public void Graphs_built_without_locations_still_validate()
    {
        var graph = new PipelineGraph(
            "bare",
            null,
            [new PipelineNode("start"), new PipelineNode("orphan"), new PipelineNode("exit")],
            [new PipelineEdge("start", "exit")]);

        var diagnostic = PipelineValidator.Default.Validate(graph).Single(DiagnosticDescriptors.Reachability);

        Assert.False(diagnostic.Span.IsKnown);
        Assert.Null(diagnostic.FilePath);
        Assert.Equal("<input>: error ATR2003: " + diagnostic.Message + " [reachability]", diagnostic.ToString());
    }

    private static DotDiagnostic Custom(PipelineGraph graph, string message) =>
        new DiagnosticDescriptor("CUSTOM", "custom", "Custom", DiagnosticSeverity.Warning, DiagnosticCategory.Lint).Create(message, graph.FilePath, graph.IdSpan);

    private sealed class DelegateRule(string name, Func<PipelineGraph, IEnumerable<DotDiagnostic>> apply) : ILintRule
    {
        public int Calls { get; private set; }

        public string Name => name;

        public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
        {
            Calls++;
            return apply(graph);
        }
    }
}
