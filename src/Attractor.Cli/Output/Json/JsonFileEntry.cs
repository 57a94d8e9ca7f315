// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>One input file in <see cref="JsonValidationDocument"/>.</summary>
/// <param name="Path">The path as given on the command line (or joined under a given directory).</param>
/// <param name="Status"><c>valid</c> (no errors), <c>invalid</c> (errors), or <c>unreadable</c>.</param>
/// <param name="Errors">The number of error diagnostics.</param>
/// <param name="Warnings">The number of warning diagnostics.</param>
/// <param name="Infos">The number of info diagnostics.</param>
/// <param name="ReadError">Why the file could not be read, or null.</param>
public sealed record JsonFileEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("warnings")] int Warnings,
    [property: JsonPropertyName("infos")] int Infos,
    [property: JsonPropertyName("readError")] string? ReadError);
