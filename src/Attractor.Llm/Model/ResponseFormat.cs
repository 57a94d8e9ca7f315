// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The requested output format: plain text, any JSON, or JSON matching a schema.</summary>
public sealed record ResponseFormat
{
    private ResponseFormat(string type, JsonElement? jsonSchema, bool strict, string? schemaName)
    {
        Type = type;
        JsonSchema = jsonSchema;
        Strict = strict;
        SchemaName = schemaName;
    }

    /// <summary>Gets <c>text</c>, <c>json</c> or <c>json_schema</c>.</summary>
    public string Type { get; }

    /// <summary>Gets the schema when <see cref="Type"/> is <c>json_schema</c>.</summary>
    public JsonElement? JsonSchema { get; }

    /// <summary>Gets whether the provider should enforce the schema strictly.</summary>
    public bool Strict { get; }

    /// <summary>Gets the schema's name (OpenAI requires one; defaults to <c>response</c>).</summary>
    public string? SchemaName { get; }

    /// <summary>Gets the plain-text format.</summary>
    public static ResponseFormat Text { get; } = new("text", null, false, null);

    /// <summary>Gets the any-JSON format.</summary>
    public static ResponseFormat Json { get; } = new("json", null, false, null);

    /// <summary>Creates a schema-constrained JSON format.</summary>
    /// <param name="schema">The JSON Schema.</param>
    /// <param name="strict">Whether the provider enforces it strictly.</param>
    /// <param name="name">The schema name.</param>
    /// <returns>The format.</returns>
    public static ResponseFormat ForSchema(JsonElement schema, bool strict = false, string? name = null) =>
        schema.ValueKind == JsonValueKind.Object
            ? new("json_schema", schema, strict, name)
            : throw new ArgumentException("A response schema must be a JSON object.", nameof(schema));
}
