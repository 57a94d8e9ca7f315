// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.cs", "a.cs", true)]
    [InlineData("*.cs", "src/a.cs", false)]
    [InlineData("**/*.cs", "a.cs", true)]
    [InlineData("**/*.cs", "src/deep/a.cs", true)]
    [InlineData("src/**", "src/deep/a.cs", true)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[!ab].txt", "b.txt", false)]
    [InlineData("[a-c].txt", "c.txt", true)]
    [InlineData("*.{ts,tsx}", "x.tsx", true)]
    [InlineData("*.{ts,tsx}", "x.js", false)]
    [InlineData("a+b(1).txt", "a+b(1).txt", true)]
    public void Globs_match_relative_paths(string glob, string path, bool expected) =>
        Assert.Equal(expected, GlobPattern.Compile(glob).IsMatch(path));

    [Theory]
    [InlineData("a[")]
    [InlineData("a[b")]
    [InlineData("{a,b")]
    public void Malformed_globs_are_rejected(string glob) =>
        Assert.Throws<ArgumentException>(() => GlobPattern.Compile(glob));
}
