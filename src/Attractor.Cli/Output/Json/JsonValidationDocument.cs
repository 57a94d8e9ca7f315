// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>
/// The document <c>attractor validate --format json</c> writes. Its shape is a public contract
/// (<c>docs/cli.md</c>): add members only, and bump <see cref="SchemaVersion"/> on any other change.
/// </summary>
/// <param name="SchemaVersion">The version of this shape; currently 1.</param>
/// <param name="Files">Every input file, in the order processed.</param>
/// <param name="Diagnostics">Every diagnostic of every file, file by file, in the files' order.</param>
/// <param name="Summary">Totals over all files.</param>
/// <param name="ExitCode">The exit code the command returns.</param>
public sealed record JsonValidationDocument(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("files")] IReadOnlyList<JsonFileEntry> Files,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<JsonDiagnostic> Diagnostics,
    [property: JsonPropertyName("summary")] JsonSummary Summary,
    [property: JsonPropertyName("exitCode")] int ExitCode)
{
    /// <summary>The current value of <see cref="SchemaVersion"/>.</summary>
    public const int CurrentSchemaVersion = 1;
}
