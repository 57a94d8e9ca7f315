// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

public sealed class LoopDetectorTests
{
    [Theory]
    [InlineData("a,a,a,a", 4, true)]
    [InlineData("a,b,a,b", 4, true)]
    [InlineData("x,a,b,c,a,b,c", 6, true)]
    [InlineData("a,b,a,c", 4, false)]
    [InlineData("a,a,a", 4, false)]
    [InlineData("a,b,a,b,a", 5, false)]
    [InlineData("a,a,a,a,a", 5, true)]
    public void Detects_repeating_patterns_of_length_one_to_three(string signatures, int window, bool expected) =>
        Assert.Equal(expected, LoopDetector.IsLooping(signatures.Split(','), window));
}
