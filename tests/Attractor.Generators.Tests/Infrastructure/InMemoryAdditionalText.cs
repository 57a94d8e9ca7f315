// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>An additional file held in memory; null content stands for a file Roslyn cannot read.</summary>
internal sealed class InMemoryAdditionalText(string path, string? content) : AdditionalText
{
    private readonly SourceText? _text = content is null ? null : SourceText.From(content, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText? GetText(CancellationToken cancellationToken = default) => _text;
}
