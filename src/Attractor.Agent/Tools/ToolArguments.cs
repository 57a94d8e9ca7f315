// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Agent;

/// <summary>Reads tool arguments that the registry has already validated against the tool's schema.</summary>
internal static class ToolArguments
{
    public static string GetString(JsonElement arguments, string name) =>
        GetOptionalString(arguments, name) ?? throw new ArgumentException($"The '{name}' argument is required.", name);

    public static string? GetOptionalString(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? GetOptionalInteger(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.TryGetInt64(out var number) ? number : (long)Math.Clamp(value.GetDouble(), long.MinValue, long.MaxValue))
            : null;

    public static bool GetBoolean(JsonElement arguments, string name) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
