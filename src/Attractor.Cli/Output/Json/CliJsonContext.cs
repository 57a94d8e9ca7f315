// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>
/// Source-generated serialization for the CLI's documents: no reflection at run time, and the
/// property names above are the contract. Nulls are written, so every key is always present.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonValidationDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
