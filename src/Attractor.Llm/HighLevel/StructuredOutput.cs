// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Parsing and checking of structured output, shared by the object functions.</summary>
internal static class StructuredOutput
{
    /// <summary>Sets the response format of the options to the schema.</summary>
    public static GenerateOptions WithSchema(GenerateOptions options, JsonElement schema, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The output schema must be a JSON object.", nameof(schema));
        }

        // Strict mode (OpenAI) rejects schemas outside its subset; ask for it only when the schema is inside.
        return options with { ResponseFormat = ResponseFormat.ForSchema(schema, strict: IsStrictCompatible(schema), name ?? "output") };
    }

    /// <summary>Parses and validates the final text of a response.</summary>
    /// <exception cref="NoObjectGeneratedException">The text holds no JSON, or the JSON does not match the schema.</exception>
    public static JsonElement Parse(string text, JsonElement schema, Response response)
    {
        var json = Extract(text);
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(json);
            value = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new NoObjectGeneratedException($"The model's output is not valid JSON: {error.Message}", error) { Text = text, Response = response };
        }

        var errors = JsonSchemaValidator.Validate(schema, value);
        if (errors.Count > 0)
        {
            throw new NoObjectGeneratedException($"The model's output does not match the schema: {string.Join("; ", errors)}") { Text = text, Response = response };
        }

        return value;
    }

    /// <summary>Strips a Markdown code fence or prose around the JSON, which models without native JSON modes add.</summary>
    public static string Extract(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
            var closing = trimmed.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && closing > firstLine)
            {
                return trimmed[(firstLine + 1)..closing].Trim();
            }
        }

        if (trimmed.Length > 0 && trimmed[0] is not '{' and not '[')
        {
            var start = trimmed.IndexOfAny(['{', '[']);
            var end = trimmed.LastIndexOfAny(['}', ']']);
            if (start >= 0 && end > start)
            {
                return trimmed[start..(end + 1)];
            }
        }

        return trimmed;
    }

    /// <summary>
    /// Tells whether a schema is inside OpenAI's strict subset: every object lists all its properties as required
    /// and forbids additional ones.
    /// </summary>
    public static bool IsStrictCompatible(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return schema.ValueKind == JsonValueKind.True;
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                return false;
            }

            var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var property in properties.EnumerateObject())
            {
                if (!required.Contains(property.Name) || !IsStrictCompatible(property.Value))
                {
                    return false;
                }
            }
        }

        foreach (var keyword in new[] { "items", "additionalItems" })
        {
            if (schema.TryGetProperty(keyword, out var nested) && nested.ValueKind == JsonValueKind.Object && !IsStrictCompatible(nested))
            {
                return false;
            }
        }

        foreach (var keyword in new[] { "anyOf", "allOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches) && branches.ValueKind == JsonValueKind.Array && !branches.EnumerateArray().All(IsStrictCompatible))
            {
                return false;
            }
        }

        foreach (var keyword in new[] { "$defs", "definitions" })
        {
            if (schema.TryGetProperty(keyword, out var definitions) && definitions.ValueKind == JsonValueKind.Object && !definitions.EnumerateObject().All(d => IsStrictCompatible(d.Value)))
            {
                return false;
            }
        }

        return true;
    }
}
