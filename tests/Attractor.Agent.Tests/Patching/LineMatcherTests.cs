// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent.Patching;

namespace Attractor.Agent.Tests.Patching;

public sealed class LineMatcherTests
{
    [Theory]
    [InlineData("value", "value", PatchMatchLevel.Exact)]
    [InlineData("value \t", "value", PatchMatchLevel.IgnoreTrailingWhitespace)]
    [InlineData("\tvalue", "    value ", PatchMatchLevel.IgnoreWhitespace)]
    [InlineData("a \u2013 \u201Cb\u201D \u2018c\u2019\u00A0d", "a - \"b\" 'c' d", PatchMatchLevel.NormalizePunctuation)]
    public void Each_line_matches_first_at_its_level(string line, string pattern, PatchMatchLevel expected)
    {
        var match = LineMatcher.Find([line], [pattern], 0, atEnd: false);
        Assert.Equal((0, expected), match);
        if (expected != PatchMatchLevel.Exact)
        {
            Assert.False(LineMatcher.Equal(line, pattern, expected - 1));
        }
    }

    [Fact]
    public void Different_text_never_matches()
    {
        Assert.Null(LineMatcher.Find(["value"], ["values"], 0, atEnd: false));
        Assert.Null(LineMatcher.Find(["a", "b"], ["a", "b", "c"], 0, atEnd: false));
    }

    [Fact]
    public void A_stricter_match_later_wins_over_a_looser_one_earlier()
    {
        Assert.Equal((2, PatchMatchLevel.Exact), LineMatcher.Find(["x ", "y", "x"], ["x"], 0, atEnd: false));
    }

    [Fact]
    public void The_search_starts_at_the_given_line()
    {
        Assert.Equal((2, PatchMatchLevel.Exact), LineMatcher.Find(["x", "y", "x"], ["x"], 1, atEnd: false));
        Assert.Null(LineMatcher.Find(["x", "y"], ["x"], 1, atEnd: false));
    }

    [Fact]
    public void End_of_file_patterns_prefer_the_end_and_fall_back_to_the_first_match()
    {
        Assert.Equal((3, PatchMatchLevel.Exact), LineMatcher.Find(["end", "a", "end", "end"], ["end"], 0, atEnd: true));
        Assert.Equal((0, PatchMatchLevel.Exact), LineMatcher.Find(["end", "a"], ["end"], 0, atEnd: true));
    }
}
