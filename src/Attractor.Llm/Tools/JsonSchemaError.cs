// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>One way a JSON value fails a schema.</summary>
/// <param name="Path">Where in the value, as a JSONPath (<c>$</c>, <c>$.items[2].name</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record JsonSchemaError(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
