// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests;

public sealed class ContextTests
{
    [Fact]
    public void Values_round_trip_and_missing_keys_use_the_default()
    {
        var context = new PipelineContext();
        context.Set("a", "x");
        context.Set("n", 3);
        Assert.Equal("x", context.Get("a"));
        Assert.Equal("3", context.GetString("n"));
        Assert.Equal("fallback", context.GetString("missing", "fallback"));
        Assert.Null(context.Get("missing"));
    }

    [Fact]
    public void Clone_is_isolated_from_the_original()
    {
        var context = new PipelineContext();
        context.Set("shared", "before");
        context.AppendLog("one");
        var clone = context.Clone();
        clone.Set("shared", "after");
        clone.AppendLog("two");
        Assert.Equal("before", context.GetString("shared"));
        Assert.Equal(["one"], context.Logs);
        Assert.Equal(["one", "two"], clone.Logs);
    }

    [Fact]
    public void Apply_updates_merges_and_snapshot_is_ordered_and_detached()
    {
        var context = new PipelineContext();
        context.ApplyUpdates([new("b", "2"), new("a", "1")]);
        var snapshot = context.Snapshot();
        context.Set("a", "changed");
        Assert.Equal(["a", "b"], snapshot.Keys);
        Assert.Equal("1", snapshot["a"]);
    }

    [Fact]
    public void Concurrent_writers_do_not_lose_updates()
    {
        var context = new PipelineContext();
        Parallel.For(0, 1000, i => context.Set("k" + i, i));
        Assert.Equal(1000, context.Snapshot().Count);
    }

    [Theory]
    [InlineData(StageStatus.Success, "success")]
    [InlineData(StageStatus.PartialSuccess, "partial_success")]
    [InlineData(StageStatus.Retry, "retry")]
    [InlineData(StageStatus.Fail, "fail")]
    [InlineData(StageStatus.Skipped, "skipped")]
    public void Stage_statuses_have_lower_case_wire_names(StageStatus status, string name)
    {
        Assert.Equal(name, status.ToWireName());
        Assert.True(StageStatusNames.TryParse(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(status, parsed);
    }
}
