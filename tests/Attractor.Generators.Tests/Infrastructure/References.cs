// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>What a consumer project compiles against: the .NET 10 reference assemblies and the built runtime libraries.</summary>
internal static class References
{
    public static IReadOnlyList<MetadataReference> All { get; } =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(PipelineGraph).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(PipelineRunner).Assembly.Location),
    ];
}
