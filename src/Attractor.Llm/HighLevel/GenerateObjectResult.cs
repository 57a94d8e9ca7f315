// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The outcome of <see cref="Llm.GenerateObjectAsync{T}"/>: the typed object plus the generation details.</summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed record GenerateObjectResult<T>
{
    /// <summary>Gets the object, validated against the schema and deserialized.</summary>
    public required T Output { get; init; }

    /// <summary>Gets the generation details (steps, usage, raw text, <see cref="GenerateResult.Output"/> as JSON).</summary>
    public required GenerateResult Result { get; init; }

    /// <summary>Gets the raw text the object was parsed from.</summary>
    public string Text => Result.Text;

    /// <summary>Gets the usage summed over all steps.</summary>
    public Usage TotalUsage => Result.TotalUsage;
}
