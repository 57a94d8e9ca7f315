// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.InProcess.Tests;

/// <summary>
/// Every in-process MSBuild test: one build at a time (a second concurrent <c>BuildManager</c> build fails
/// with "build is already in progress"), one scratch copy of the samples and one artifacts folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessBuildCollection : ICollectionFixture<InProcessBuildFixture>
{
    public const string Name = "in-process MSBuild";
}
