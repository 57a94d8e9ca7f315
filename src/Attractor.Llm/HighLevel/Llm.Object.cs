// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;

namespace Attractor.Llm;

public static partial class Llm
{
    // Web naming, but numbers stay numbers: the web default's "read numbers from strings" would put
    // ["string","integer"] into derived schemas and invite the model to quote them.
    private static readonly JsonSerializerOptions ObjectOptions = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>
    /// Generates structured output: asks the provider for JSON matching the schema (natively where it can), then
    /// parses and validates the final text. The LLM call is retried on transient errors; a bad output is not.
    /// </summary>
    /// <param name="options">The parameters (<see cref="GenerateOptions.ResponseFormat"/> is replaced by the schema).</param>
    /// <param name="schema">The JSON Schema of the output (an object schema).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result, with <see cref="GenerateResult.Output"/> holding the validated value.</returns>
    /// <exception cref="NoObjectGeneratedException">The output is not JSON or does not match the schema.</exception>
    public static Task<GenerateResult> GenerateObjectAsync(GenerateOptions options, JsonElement schema, CancellationToken cancellationToken = default) =>
        GenerateObjectAsync(options, schema, schemaName: null, cancellationToken);

    /// <summary>Generates structured output with a named schema (some providers show the name to the model).</summary>
    /// <param name="options">The parameters.</param>
    /// <param name="schema">The JSON Schema of the output.</param>
    /// <param name="schemaName">The schema's name; null is <c>output</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result, with <see cref="GenerateResult.Output"/> set.</returns>
    /// <exception cref="NoObjectGeneratedException">The output is not JSON or does not match the schema.</exception>
    public static async Task<GenerateResult> GenerateObjectAsync(GenerateOptions options, JsonElement schema, string? schemaName, CancellationToken cancellationToken = default)
    {
        var result = await GenerateAsync(StructuredOutput.WithSchema(options, schema, schemaName), cancellationToken).ConfigureAwait(false);
        return result with { Output = StructuredOutput.Parse(result.Text, schema, result.Response) };
    }

    /// <summary>
    /// Generates structured output and deserializes it into <typeparamref name="T"/> (System.Text.Json, web
    /// defaults). Without a schema, one is derived from <typeparamref name="T"/>.
    /// </summary>
    /// <typeparam name="T">The object type.</typeparam>
    /// <param name="options">The parameters.</param>
    /// <param name="schema">The JSON Schema; null derives it from <typeparamref name="T"/>.</param>
    /// <param name="serializerOptions">Deserialization (and schema derivation) options; null means web defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The typed object and the generation details.</returns>
    /// <exception cref="NoObjectGeneratedException">The output is not JSON, does not match the schema, or does not deserialize.</exception>
    public static async Task<GenerateObjectResult<T>> GenerateObjectAsync<T>(GenerateOptions options, JsonElement? schema = null, JsonSerializerOptions? serializerOptions = null, CancellationToken cancellationToken = default)
    {
        var jsonOptions = serializerOptions ?? ObjectOptions;
        var result = await GenerateObjectAsync(options, schema ?? SchemaFor<T>(jsonOptions), typeof(T).Name, cancellationToken).ConfigureAwait(false);
        try
        {
            var output = result.Output!.Value.Deserialize<T>(jsonOptions);
            return output is null
                ? throw new NoObjectGeneratedException($"The model's output deserialized to null as {typeof(T).Name}.") { Text = result.Text, Response = result.Response }
                : new GenerateObjectResult<T> { Output = output, Result = result };
        }
        catch (JsonException error)
        {
            throw new NoObjectGeneratedException($"The model's output does not deserialize as {typeof(T).Name}: {error.Message}", error) { Text = result.Text, Response = result.Response };
        }
    }

    /// <summary>
    /// Streams structured output: partial objects as the JSON grows, then the complete validated object from
    /// <see cref="ObjectStreamResult.ObjectAsync"/>.
    /// </summary>
    /// <param name="options">The parameters (<see cref="GenerateOptions.ResponseFormat"/> is replaced by the schema).</param>
    /// <param name="schema">The JSON Schema of the output.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The object stream; nothing is sent until it is enumerated or awaited.</returns>
    public static ObjectStreamResult StreamObjectAsync(GenerateOptions options, JsonElement schema, CancellationToken cancellationToken = default) =>
        new(StreamAsync(StructuredOutput.WithSchema(options, schema, null), cancellationToken), schema);

    /// <summary>Derives a JSON Schema for a type (non-nullable root, so providers accept it).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="serializerOptions">The options whose naming policy the schema follows; null means web defaults.</param>
    /// <returns>The schema.</returns>
    public static JsonElement SchemaFor<T>(JsonSerializerOptions? serializerOptions = null)
    {
        var jsonOptions = serializerOptions ?? ObjectOptions;
        jsonOptions.MakeReadOnly(populateMissingResolver: true);
        var node = jsonOptions.GetJsonSchemaAsNode(typeof(T), new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        return JsonSerializer.SerializeToElement(node);
    }
}
