// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§3.3 edge selection and the §11.12 edge-selection rows.</summary>
public sealed class EdgeSelectorTests
{
    private static string Select(string edges, Outcome outcome, PipelineContext? context = null)
    {
        var graph = EngineTestKit.ParseUnchecked("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; b; c; start -> n; " + edges + " a -> exit; b -> exit; c -> exit; }");
        return EdgeSelector.Select(graph, "n", outcome, context ?? new PipelineContext())?.To ?? "(none)";
    }

    [Fact]
    public void Condition_match_wins_over_weight()
    {
        Assert.Equal("b", Select("n -> a [weight=100]; n -> b [condition=\"outcome=success\"];", Outcome.Success()));
    }

    [Fact]
    public void Weight_breaks_ties_among_unconditional_edges()
    {
        Assert.Equal("b", Select("n -> a [weight=1]; n -> b [weight=5]; n -> c;", Outcome.Success()));
    }

    [Fact]
    public void Lexical_tiebreak_is_the_final_fallback()
    {
        Assert.Equal("a", Select("n -> c; n -> b; n -> a;", Outcome.Success()));
    }

    [Fact]
    public void Several_matching_conditions_pick_by_weight_then_target()
    {
        Assert.Equal("c", Select("n -> a [condition=\"outcome=success\"]; n -> c [condition=\"outcome=success\", weight=2]; n -> b;", Outcome.Success()));
        Assert.Equal("a", Select("n -> c [condition=\"outcome=success\"]; n -> a [condition=\"outcome=success\"];", Outcome.Success()));
    }

    [Fact]
    public void Conditions_read_the_context()
    {
        var context = new PipelineContext();
        context.Set("tests_passed", "true");
        Assert.Equal("b", Select("n -> a; n -> b [condition=\"context.tests_passed=true\"];", Outcome.Success(), context));
        Assert.Equal("a", Select("n -> a; n -> b [condition=\"context.tests_passed=true\"];", Outcome.Success()));
    }

    [Fact]
    public void Preferred_label_matches_after_normalisation()
    {
        var outcome = new Outcome(StageStatus.Success) { PreferredLabel = "  APPROVE " };
        Assert.Equal("b", Select("n -> a [label=\"[R] Reject\"]; n -> b [label=\"[A] Approve\"];", outcome));
        Assert.Equal("b", Select("n -> a [label=\"R) Reject\"]; n -> b [label=\"A) Approve\"];", outcome));
        Assert.Equal("b", Select("n -> a [label=\"R - Reject\"]; n -> b [label=\"A - Approve\"];", outcome));
    }

    [Fact]
    public void Preferred_label_ignores_conditional_edges()
    {
        var outcome = new Outcome(StageStatus.Success) { PreferredLabel = "Approve" };
        Assert.Equal("a", Select("n -> a; n -> b [label=Approve, condition=\"outcome=fail\"];", outcome));
    }

    [Fact]
    public void Suggested_next_ids_apply_when_no_label_matches()
    {
        var outcome = new Outcome(StageStatus.Success) { PreferredLabel = "nothing", SuggestedNextIds = ["zzz", "c", "b"] };
        Assert.Equal("c", Select("n -> a [weight=9]; n -> b; n -> c;", outcome));
    }

    [Fact]
    public void No_eligible_edge_gives_none()
    {
        Assert.Equal("(none)", Select("n -> a [condition=\"outcome=fail\"];", Outcome.Success()));
    }

    [Theory]
    [InlineData("[Y] Yes", "yes")]
    [InlineData("Y) Yes", "yes")]
    [InlineData("Y - Yes", "yes")]
    [InlineData("  Ship It ", "ship it")]
    [InlineData("", "")]
    public void Labels_normalise(string label, string expected) => Assert.Equal(expected, EdgeSelector.NormalizeLabel(label));
}
