// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>A tool call extracted from a response, ready for execution.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The parsed arguments; <see cref="JsonValueKind.Undefined"/> when the model produced invalid JSON.</param>
/// <param name="RawArguments">The arguments text before parsing.</param>
public sealed record ToolCall(string Id, string Name, JsonElement Arguments, string? RawArguments)
{
    /// <summary>Creates the executable view of a tool call part, parsing its arguments.</summary>
    /// <param name="data">The call as it appears in a message.</param>
    /// <returns>The call; unparsable arguments leave <see cref="Arguments"/> undefined.</returns>
    public static ToolCall FromData(ToolCallData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ToolCall(data.Id, data.Name, TryParse(data.Arguments), data.Arguments);
    }

    private static JsonElement TryParse(string arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            // Models call argument-less tools with an empty string; that means "no arguments".
            return JsonEmptyObject.Value;
        }

        try
        {
            using var document = JsonDocument.Parse(arguments);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
