// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Server.Api;

/// <summary>
/// The body of <c>POST /pipelines</c>: a DOT <c>source</c> or a <c>path</c> under the workspace root (exactly one),
/// the <c>backend</c> (<c>simulate</c> unless another is available), the initial <c>context</c>, and how human gates
/// are answered: <c>gates</c> = <c>web</c> (the default) or <c>auto_approve</c>; <c>answers</c> are given first, in order.
/// </summary>
internal sealed record SubmitRequest
{
    public string? Source { get; init; }

    public string? Path { get; init; }

    public string? Backend { get; init; }

    public Dictionary<string, JsonElement>? Context { get; init; }

    public string? Gates { get; init; }

    public IReadOnlyList<string>? Answers { get; init; }
}
