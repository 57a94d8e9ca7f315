// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Human;

/// <summary>§4.6 accelerator keys and §3.3 label normalisation.</summary>
public sealed class AcceleratorKeysTests
{
    [Theory]
    [InlineData("[Y] Yes, deploy", "Y")] // the §4.6 table
    [InlineData("Y) Yes, deploy", "Y")]
    [InlineData("Y - Yes, deploy", "Y")]
    [InlineData("Yes, deploy", "Y")]
    [InlineData("[a] approve", "A")]
    [InlineData("  [R]   Retry ", "R")]
    [InlineData("[ok] Fine", "OK")]
    [InlineData("2) Second", "2")]
    [InlineData("n-dash", "N")]
    [InlineData("Yes - deploy", "Y")]
    [InlineData("x", "X")]
    [InlineData("[Y]", "Y")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Parse_extracts_the_key(string? label, string expected) => Assert.Equal(expected, AcceleratorKeys.Parse(label));

    [Theory]
    [InlineData("[Y] Yes, Deploy", "yes, deploy")]
    [InlineData("Y) yes, deploy", "yes, deploy")]
    [InlineData("Y - Yes, deploy", "yes, deploy")]
    [InlineData("  Yes, deploy  ", "yes, deploy")]
    [InlineData("Yes - deploy", "yes - deploy")]
    [InlineData("[Y]", "[y]")]
    [InlineData("[not a key] text", "[not a key] text")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_lowercases_trims_and_strips_the_prefix(string? label, string expected) =>
        Assert.Equal(expected, AcceleratorKeys.Normalize(label));

    [Fact]
    public void Labels_differing_only_by_prefix_normalise_equal()
    {
        Assert.Equal(AcceleratorKeys.Normalize("[A] Approve"), AcceleratorKeys.Normalize("approve"));
        Assert.Equal(AcceleratorKeys.Normalize("A) Approve"), AcceleratorKeys.Normalize("A - APPROVE"));
    }

    [Theory]
    [InlineData("[A] Approve", true)]
    [InlineData("A) Approve", true)]
    [InlineData("A - Approve", true)]
    [InlineData("Approve", false)]
    public void Has_explicit_key(string label, bool expected) => Assert.Equal(expected, AcceleratorKeys.HasExplicitKey(label));

    [Fact]
    public void Strip_prefix_keeps_case() => Assert.Equal("Yes, Deploy", AcceleratorKeys.StripPrefix("[Y] Yes, Deploy"));
}
