// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attractor.Llm;

/// <summary>
/// Validates JSON values against the JSON Schema subset that tool parameters and structured output use:
/// <c>type</c> (also arrays of types, <c>integer</c>, <c>nullable</c>), <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c>/<c>prefixItems</c>, <c>enum</c>, <c>const</c>, numeric bounds,
/// <c>multipleOf</c>, string length and <c>pattern</c>, array length and <c>uniqueItems</c>, property counts,
/// <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>/<c>not</c> and local <c>$ref</c> (<c>#/$defs/…</c>, <c>#/definitions/…</c>).
/// Unknown keywords (<c>format</c>, <c>description</c>, …) are annotations and ignored. See docs/llm/structured-output.md.
/// </summary>
public static class JsonSchemaValidator
{
    private const int MaxDepth = 128;
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Validates a value.</summary>
    /// <param name="schema">The schema (an object, or <c>true</c>/<c>false</c>).</param>
    /// <param name="instance">The value.</param>
    /// <returns>The errors; empty when the value is valid.</returns>
    public static IReadOnlyList<JsonSchemaError> Validate(JsonElement schema, JsonElement instance)
    {
        var errors = new List<JsonSchemaError>();
        new Walker(schema, errors).Check(schema, instance, "$", 0);
        return errors;
    }

    /// <summary>Tells whether a value matches a schema.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="instance">The value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(JsonElement schema, JsonElement instance) => Validate(schema, instance).Count == 0;

    private sealed class Walker(JsonElement root, List<JsonSchemaError> errors)
    {
        public void Check(JsonElement schema, JsonElement value, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                Fail(path, "the schema nests too deeply (a $ref cycle?)");
                return;
            }

            if (schema.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (schema.ValueKind == JsonValueKind.False)
            {
                Fail(path, "no value is allowed here");
                return;
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
            {
                if (Resolve(reference.GetString()!) is { } target)
                {
                    Check(target, value, path, depth + 1);
                }
                else
                {
                    Fail(path, $"the schema reference '{reference.GetString()}' cannot be resolved");
                }
            }

            if (value.ValueKind == JsonValueKind.Null && schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (!CheckType(schema, value, path))
            {
                // Further keywords would only repeat the type mismatch in other words.
                return;
            }

            CheckEnumAndConst(schema, value, path);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    CheckObject(schema, value, path, depth);
                    break;
                case JsonValueKind.Array:
                    CheckArray(schema, value, path, depth);
                    break;
                case JsonValueKind.String:
                    CheckString(schema, value.GetString()!, path);
                    break;
                case JsonValueKind.Number when value.TryGetDouble(out var number):
                    CheckNumber(schema, number, path);
                    break;
            }

            CheckCombinators(schema, value, path, depth);
        }

        private bool CheckType(JsonElement schema, JsonElement value, string path)
        {
            if (!schema.TryGetProperty("type", out var type))
            {
                return true;
            }

            if (type.ValueKind == JsonValueKind.String)
            {
                if (Matches(type.GetString()!, value))
                {
                    return true;
                }

                Fail(path, $"expected {type.GetString()}, got {Describe(value)}");
                return false;
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                var names = new List<string>();
                foreach (var item in type.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        if (Matches(item.GetString()!, value))
                        {
                            return true;
                        }

                        names.Add(item.GetString()!);
                    }
                }

                Fail(path, $"expected one of [{string.Join(", ", names)}], got {Describe(value)}");
                return false;
            }

            return true;
        }

        private void CheckEnumAndConst(JsonElement schema, JsonElement value, string path)
        {
            if (schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array
                && !options.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
            {
                Fail(path, $"{Short(value)} is not one of {Short(options)}");
            }

            if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            {
                Fail(path, $"expected {Short(constant)}, got {Short(value)}");
            }
        }

        private void CheckObject(JsonElement schema, JsonElement value, string path, int depth)
        {
            schema.TryGetProperty("properties", out var properties);
            if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (name.ValueKind == JsonValueKind.String && !value.TryGetProperty(name.GetString()!, out _))
                    {
                        Fail(path, $"the required property '{name.GetString()}' is missing");
                    }
                }
            }

            schema.TryGetProperty("additionalProperties", out var additional);
            var count = 0;
            foreach (var property in value.EnumerateObject())
            {
                count++;
                var childPath = Child(path, property.Name);
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(propertySchema, property.Value, childPath, depth + 1);
                }
                else if (additional.ValueKind == JsonValueKind.False)
                {
                    Fail(childPath, $"the property '{property.Name}' is not allowed");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Check(additional, property.Value, childPath, depth + 1);
                }
            }

            if (Integer(schema, "minProperties") is { } min && count < min)
            {
                Fail(path, $"expected at least {min} properties, got {count}");
            }

            if (Integer(schema, "maxProperties") is { } max && count > max)
            {
                Fail(path, $"expected at most {max} properties, got {count}");
            }
        }

        private void CheckArray(JsonElement schema, JsonElement value, string path, int depth)
        {
            var length = value.GetArrayLength();
            var prefixCount = 0;
            if (schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array)
            {
                prefixCount = prefix.GetArrayLength();
                for (var i = 0; i < Math.Min(prefixCount, length); i++)
                {
                    Check(prefix[i], value[i], $"{path}[{i}]", depth + 1);
                }
            }

            if (schema.TryGetProperty("items", out var items))
            {
                if (items.ValueKind == JsonValueKind.Array)
                {
                    // Draft-07 tuple form.
                    for (var i = 0; i < Math.Min(items.GetArrayLength(), length); i++)
                    {
                        Check(items[i], value[i], $"{path}[{i}]", depth + 1);
                    }
                }
                else
                {
                    for (var i = prefixCount; i < length; i++)
                    {
                        Check(items, value[i], $"{path}[{i}]", depth + 1);
                    }
                }
            }

            if (Integer(schema, "minItems") is { } min && length < min)
            {
                Fail(path, $"expected at least {min} items, got {length}");
            }

            if (Integer(schema, "maxItems") is { } max && length > max)
            {
                Fail(path, $"expected at most {max} items, got {length}");
            }

            if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
            {
                for (var i = 1; i < length; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (JsonElement.DeepEquals(value[i], value[j]))
                        {
                            Fail($"{path}[{i}]", $"duplicates item {j}");
                            break;
                        }
                    }
                }
            }
        }

        private void CheckString(JsonElement schema, string value, string path)
        {
            // JSON Schema counts characters as code points, not UTF-16 units.
            var length = CountCodePoints(value);
            if (Integer(schema, "minLength") is { } min && length < min)
            {
                Fail(path, $"expected at least {min} characters, got {length}");
            }

            if (Integer(schema, "maxLength") is { } max && length > max)
            {
                Fail(path, $"expected at most {max} characters, got {length}");
            }

            if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String)
            {
                try
                {
                    if (!Regex.IsMatch(value, pattern.GetString()!, RegexOptions.CultureInvariant, PatternTimeout))
                    {
                        Fail(path, $"\"{Truncate(value)}\" does not match the pattern {pattern.GetString()}");
                    }
                }
                catch (ArgumentException)
                {
                    Fail(path, $"the schema's pattern {pattern.GetString()} is not a valid regular expression");
                }
                catch (RegexMatchTimeoutException)
                {
                    Fail(path, $"matching the pattern {pattern.GetString()} timed out");
                }
            }
        }

        private void CheckNumber(JsonElement schema, double value, string path)
        {
            if (Number(schema, "minimum") is { } minimum)
            {
                var exclusive = schema.TryGetProperty("exclusiveMinimum", out var flag) && flag.ValueKind == JsonValueKind.True;
                if (exclusive ? value <= minimum : value < minimum)
                {
                    Fail(path, $"{Format(value)} is {(exclusive ? "not greater than" : "less than")} the minimum {Format(minimum)}");
                }
            }

            if (Number(schema, "maximum") is { } maximum)
            {
                var exclusive = schema.TryGetProperty("exclusiveMaximum", out var flag) && flag.ValueKind == JsonValueKind.True;
                if (exclusive ? value >= maximum : value > maximum)
                {
                    Fail(path, $"{Format(value)} is {(exclusive ? "not less than" : "greater than")} the maximum {Format(maximum)}");
                }
            }

            if (Number(schema, "exclusiveMinimum") is { } exclusiveMinimum && value <= exclusiveMinimum)
            {
                Fail(path, $"{Format(value)} is not greater than {Format(exclusiveMinimum)}");
            }

            if (Number(schema, "exclusiveMaximum") is { } exclusiveMaximum && value >= exclusiveMaximum)
            {
                Fail(path, $"{Format(value)} is not less than {Format(exclusiveMaximum)}");
            }

            if (Number(schema, "multipleOf") is { } step and > 0)
            {
                var quotient = value / step;
                if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9)
                {
                    Fail(path, $"{Format(value)} is not a multiple of {Format(step)}");
                }
            }
        }

        private void CheckCombinators(JsonElement schema, JsonElement value, string path, int depth)
        {
            if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in allOf.EnumerateArray())
                {
                    Check(part, value, path, depth + 1);
                }
            }

            if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
            {
                var failures = new List<JsonSchemaError>();
                if (!anyOf.EnumerateArray().Any(part => Branch(part, value, path, depth, failures)))
                {
                    Fail(path, $"matches none of the anyOf schemas ({Summarize(failures)})");
                }
            }

            if (schema.TryGetProperty("oneOf", out var oneOf) && oneOf.ValueKind == JsonValueKind.Array)
            {
                var failures = new List<JsonSchemaError>();
                var matches = oneOf.EnumerateArray().Count(part => Branch(part, value, path, depth, failures));
                if (matches == 0)
                {
                    Fail(path, $"matches none of the oneOf schemas ({Summarize(failures)})");
                }
                else if (matches > 1)
                {
                    Fail(path, $"matches {matches} of the oneOf schemas; exactly one is allowed");
                }
            }

            if (schema.TryGetProperty("not", out var not) && Branch(not, value, path, depth, []))
            {
                Fail(path, "matches a schema it must not match");
            }
        }

        private bool Branch(JsonElement schema, JsonElement value, string path, int depth, List<JsonSchemaError> failures)
        {
            var branchErrors = new List<JsonSchemaError>();
            new Walker(root, branchErrors).Check(schema, value, path, depth + 1);
            failures.AddRange(branchErrors);
            return branchErrors.Count == 0;
        }

        private JsonElement? Resolve(string reference)
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
            foreach (var rawToken in reference[2..].Split('/'))
            {
                var token = Uri.UnescapeDataString(rawToken).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var next))
                {
                    current = next;
                }
                else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
                {
                    current = current[index];
                }
                else
                {
                    return null;
                }
            }

            return current;
        }

        private void Fail(string path, string message) => errors.Add(new JsonSchemaError(path, message));
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsInteger(JsonElement value)
    {
        if (value.TryGetInt64(out _))
        {
            return true;
        }

        // 1.0 and 1e3 are integers in JSON Schema; so are integers beyond the range of long.
        if (!value.TryGetDouble(out var number))
        {
            // Beyond double's range (1e400): only a fraction written out can make it a non-integer.
            return !value.GetRawText().Contains('.', StringComparison.Ordinal);
        }

        return Math.Floor(number) == number;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Child(string path, string name)
    {
        var simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return simple ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    private static long? Integer(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int CountCodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Short(JsonElement value) => Truncate(value.GetRawText());

    private static string Truncate(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static string Summarize(List<JsonSchemaError> failures)
    {
        var builder = new StringBuilder();
        foreach (var failure in failures.Take(3))
        {
            if (builder.Length > 0)
            {
                builder.Append("; ");
            }

            builder.Append(failure);
        }

        if (failures.Count > 3)
        {
            builder.Append(CultureInfo.InvariantCulture, $"; and {failures.Count - 3} more");
        }

        return builder.ToString();
    }
}
