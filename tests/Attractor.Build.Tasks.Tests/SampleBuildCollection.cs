// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks.Tests;

/// <summary>One scratch copy of the samples and one artifacts folder for every test that builds them; the tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SampleBuildCollection : ICollectionFixture<SampleBuildFixture>
{
    public const string Name = "sample builds";
}
