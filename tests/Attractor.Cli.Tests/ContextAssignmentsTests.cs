// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Running;

namespace Attractor.Cli.Tests;

public sealed class ContextAssignmentsTests
{
    [Fact]
    public void Values_split_at_the_first_equals_sign_and_the_last_one_wins()
    {
        var problems = new List<string>();

        var values = ContextAssignments.Parse(["mode=fast", " ticket =ABC-1", "query=a=b", "empty=", "mode=slow"], problems);

        Assert.Empty(problems);
        Assert.Equal(
            new Dictionary<string, object?> { ["mode"] = "slow", ["ticket"] = "ABC-1", ["query"] = "a=b", ["empty"] = string.Empty },
            values);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=x")]
    [InlineData(" =x")]
    [InlineData("a b=x")]
    public void Malformed_items_are_reported_with_the_option_and_value(string item)
    {
        var problems = new List<string>();

        var values = ContextAssignments.Parse([item, "ok=1"], problems);

        Assert.StartsWith($"--set '{item}' is not valid", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Equal(["ok"], values.Keys);
    }
}
