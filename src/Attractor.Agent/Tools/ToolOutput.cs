// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>What a tool's executor returns: text for the model and whether it reports a failure.</summary>
/// <param name="Text">The full (untruncated) output.</param>
/// <param name="IsError">Whether the output describes a failure the model should react to (e.g. a non-zero exit code).</param>
public sealed record ToolOutput(string Text, bool IsError = false)
{
    /// <summary>Creates a successful output.</summary>
    /// <param name="text">The output text.</param>
    /// <returns>The output.</returns>
    public static ToolOutput Success(string text) => new(text);

    /// <summary>Creates an error output.</summary>
    /// <param name="text">The error text.</param>
    /// <returns>The output.</returns>
    public static ToolOutput Error(string text) => new(text, IsError: true);
}
