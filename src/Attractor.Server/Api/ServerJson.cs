// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attractor.Server.Api;

/// <summary>The JSON settings of the API: snake_case like the engine's files, enums as snake_case strings.</summary>
internal static class ServerJson
{
    /// <summary>Gets the settings for API bodies and notices.</summary>
    public static JsonSerializerOptions Api { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
    };

    /// <summary>Gets the settings of <c>events.jsonl</c> (the engine's compact settings), so live and replayed events look alike.</summary>
    public static JsonSerializerOptions Events { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        AllowOutOfOrderMetadataProperties = true,
    };
}
