// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>A tool as sent to the provider: name, description and JSON Schema of the arguments.</summary>
public sealed record ToolDefinition
{
    /// <summary>Initializes a tool definition, validating the name and schema the way every provider requires.</summary>
    /// <param name="name">A name matching <c>[a-zA-Z][a-zA-Z0-9_]*</c>, at most 64 characters.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="parameters">A JSON Schema whose root is <c>"type": "object"</c>.</param>
    /// <exception cref="ArgumentException">The name or schema breaks the constraints.</exception>
    public ToolDefinition(string name, string description, JsonElement parameters)
    {
        ValidateName(name);
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != "object")
        {
            throw new ArgumentException($"The parameters schema of tool '{name}' must be a JSON object with \"type\": \"object\" at its root.", nameof(parameters));
        }

        Name = name;
        Description = description ?? string.Empty;
        Parameters = parameters;
    }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; }

    /// <summary>Gets the description.</summary>
    public string Description { get; }

    /// <summary>Gets the JSON Schema of the arguments.</summary>
    public JsonElement Parameters { get; }

    /// <summary>Checks a tool name against the strictest common subset of the providers' rules.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="ArgumentException">The name is empty, too long or has characters outside <c>[a-zA-Z0-9_]</c>, or does not start with a letter.</exception>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !char.IsAsciiLetter(name[0]))
        {
            throw new ArgumentException($"Tool name '{name}' is invalid: it must start with a letter and have at most 64 characters from [a-zA-Z0-9_].", nameof(name));
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException($"Tool name '{name}' is invalid: '{c}' is not allowed; use [a-zA-Z0-9_].", nameof(name));
            }
        }
    }
}
