// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Attractor.Llm;

/// <summary>Source-generated serialization of request bodies (no reflection, trimming-safe).</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;
