// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>One diagnostic in <see cref="JsonValidationDocument"/> (attractor-spec §7.1 plus ID and location).</summary>
/// <param name="Id">The stable ID, e.g. <c>ATR2001</c>.</param>
/// <param name="Rule">The rule name, e.g. <c>start_node</c>.</param>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Fix">A suggested fix, or null.</param>
/// <param name="File">The file's path as in <see cref="JsonFileEntry.Path"/>.</param>
/// <param name="Span">Where in the file, or null when unknown.</param>
/// <param name="NodeId">The related node, or null.</param>
/// <param name="Edge">The related edge, or null.</param>
/// <param name="HelpLink">The documentation anchor for the ID, relative to the repository root.</param>
public sealed record JsonDiagnostic(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("fix")] string? Fix,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("span")] JsonSpan? Span,
    [property: JsonPropertyName("nodeId")] string? NodeId,
    [property: JsonPropertyName("edge")] JsonEdge? Edge,
    [property: JsonPropertyName("helpLink")] string HelpLink);
