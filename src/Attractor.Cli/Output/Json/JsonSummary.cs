// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>Totals over all files of a run.</summary>
/// <param name="Files">The number of input files.</param>
/// <param name="Errors">The number of error diagnostics.</param>
/// <param name="Warnings">The number of warning diagnostics.</param>
/// <param name="Infos">The number of info diagnostics.</param>
/// <param name="Unreadable">The number of files that could not be read.</param>
public sealed record JsonSummary(
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("warnings")] int Warnings,
    [property: JsonPropertyName("infos")] int Infos,
    [property: JsonPropertyName("unreadable")] int Unreadable);
