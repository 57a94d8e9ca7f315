// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Translates a JSON Schema into the OpenAPI 3.0 subset Gemini's <c>Schema</c> object accepts (tool parameters and
/// <c>responseSchema</c>). Gemini rejects unknown fields, so only its own keywords are kept: <c>type</c> (upper
/// case), <c>format</c>, <c>title</c>, <c>description</c>, <c>nullable</c>, <c>enum</c> (strings only),
/// <c>properties</c>, <c>required</c>, <c>items</c>, <c>anyOf</c>, <c>minItems</c>/<c>maxItems</c>,
/// <c>minProperties</c>/<c>maxProperties</c>, <c>minLength</c>/<c>maxLength</c>, <c>pattern</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>default</c>, <c>example</c>, <c>propertyOrdering</c>. JSON Schema constructs
/// with an equivalent are rewritten: <c>"type": ["string", "null"]</c> becomes <c>nullable</c>, <c>oneOf</c> becomes
/// <c>anyOf</c>, <c>const</c> a one-value <c>enum</c>, local <c>$ref</c>s (<c>#/$defs/...</c>, <c>#/definitions/...</c>)
/// are inlined, a one-element <c>allOf</c> is merged. Everything else (<c>$schema</c>, <c>$id</c>,
/// <c>additionalProperties</c>, <c>exclusiveMinimum</c>, <c>patternProperties</c>, ...) is dropped.
/// </summary>
internal static class GeminiSchema
{
    // Recursive $refs cannot be inlined forever; past this depth the schema is cut to an untyped object.
    private const int MaxDepth = 24;

    private static readonly string[] CopiedKeywords =
    [
        "format", "title", "description", "nullable", "minItems", "maxItems", "minProperties", "maxProperties",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "default", "example", "propertyOrdering",
    ];

    /// <summary>Translates a schema.</summary>
    /// <param name="schema">The JSON Schema.</param>
    /// <returns>The Gemini schema.</returns>
    public static JsonObject Translate(JsonElement schema) => Translate(schema, schema, 0);

    /// <summary>Tells whether an object schema declares no property (Gemini wants such tool parameters omitted).</summary>
    /// <param name="schema">The JSON Schema.</param>
    /// <returns>True when there is nothing to declare.</returns>
    public static bool HasNoProperties(JsonElement schema) =>
        !schema.TryGetProperty("properties", out var properties)
        || properties.ValueKind != JsonValueKind.Object
        || !properties.EnumerateObject().Any();

    private static JsonObject Translate(JsonElement schema, JsonElement root, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            // `true`, `{}` or a cut recursion: anything goes, which Gemini spells as a schema without a type.
            return depth > MaxDepth ? new JsonObject { ["type"] = "OBJECT" } : [];
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String
            && Resolve(root, reference.GetString()!) is { } target)
        {
            var resolved = Translate(target, root, depth + 1);
            CopyScalars(schema, resolved);
            return resolved;
        }

        var result = new JsonObject();
        TranslateType(schema, result);
        CopyScalars(schema, result);

        if (schema.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String)
        {
            result["enum"] = new JsonArray(constant.GetString());
            result["type"] ??= "STRING";
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var strings = new JsonArray();
            var nullable = false;
            var allStrings = true;
            foreach (var value in values.EnumerateArray())
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    strings.Add(value.GetString());
                }
                else if (value.ValueKind == JsonValueKind.Null)
                {
                    nullable = true;
                }
                else
                {
                    allStrings = false;
                }
            }

            // Gemini's enum lists strings only; an enum of numbers keeps its type and loses the restriction.
            if (allStrings && strings.Count > 0)
            {
                result["enum"] = strings;
                result["type"] ??= "STRING";
                if (nullable)
                {
                    result["nullable"] = true;
                }
            }
        }

        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var translated = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                translated[property.Name] = Translate(property.Value, root, depth + 1);
            }

            result["properties"] = translated;
            result["type"] ??= "OBJECT";
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                // Gemini rejects a required name that is not a declared property.
                var names = new JsonArray();
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && translated.ContainsKey(name.GetString()!))
                    {
                        names.Add(name.GetString());
                    }
                }

                if (names.Count > 0)
                {
                    result["required"] = names;
                }
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            // A tuple (`items` as an array, draft 4-2019) has no OpenAPI 3.0 form: the first item's schema stands for all.
            var itemSchema = items.ValueKind == JsonValueKind.Array ? (items.GetArrayLength() > 0 ? items[0] : default) : items;
            result["items"] = itemSchema.ValueKind == JsonValueKind.Object ? Translate(itemSchema, root, depth + 1) : [];
            result["type"] ??= "ARRAY";
        }

        TranslateAlternatives(schema, root, depth, result);
        return result;
    }

    private static void TranslateType(JsonElement schema, JsonObject result)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            var name = type.GetString()!;
            if (name == "null")
            {
                result["nullable"] = true;
            }
            else
            {
                result["type"] = name.ToUpperInvariant();
            }

            return;
        }

        if (type.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var types = new List<string>();
        foreach (var item in type.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (item.GetString() == "null")
            {
                result["nullable"] = true;
            }
            else
            {
                types.Add(item.GetString()!.ToUpperInvariant());
            }
        }

        if (types.Count == 1)
        {
            result["type"] = types[0];
        }
        else if (types.Count > 1)
        {
            result["anyOf"] = new JsonArray([.. types.Select(t => (JsonNode)new JsonObject { ["type"] = t })]);
        }
    }

    private static void TranslateAlternatives(JsonElement schema, JsonElement root, int depth, JsonObject result)
    {
        var alternatives = new JsonArray();
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (!schema.TryGetProperty(keyword, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var alternative in list.EnumerateArray())
            {
                if (IsNullSchema(alternative))
                {
                    result["nullable"] = true;
                }
                else
                {
                    alternatives.Add(Translate(alternative, root, depth + 1));
                }
            }
        }

        if (alternatives.Count == 1)
        {
            // `anyOf: [X, {"type": "null"}]` is how generators spell an optional X: it is X, nullable.
            Merge(result, (JsonObject)alternatives[0]!);
        }
        else if (alternatives.Count > 1)
        {
            result["anyOf"] = alternatives;
        }

        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in all.EnumerateArray())
            {
                Merge(result, Translate(part, root, depth + 1));
            }
        }
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            source.Remove(key);
            if (key == "properties" && value is JsonObject properties && target["properties"] is JsonObject existing)
            {
                foreach (var (name, property) in properties.ToList())
                {
                    properties.Remove(name);
                    existing[name] = property;
                }
            }
            else if (key == "required" && value is JsonArray names && target["required"] is JsonArray existingNames)
            {
                foreach (var name in names.ToList())
                {
                    names.Remove(name);
                    existingNames.Add(name);
                }
            }
            else if (!target.ContainsKey(key) || key == "type")
            {
                target[key] = value;
            }
        }
    }

    private static bool IsNullSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static void CopyScalars(JsonElement schema, JsonObject result)
    {
        foreach (var keyword in CopiedKeywords)
        {
            if (schema.TryGetProperty(keyword, out var value) && !result.ContainsKey(keyword))
            {
                result[keyword] = JsonNode.Parse(value.GetRawText());
            }
        }
    }

    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }
}
