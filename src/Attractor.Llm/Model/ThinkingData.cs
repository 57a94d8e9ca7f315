// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Model reasoning. Preserved exactly as received so it can be sent back (Anthropic requires that).</summary>
/// <param name="Text">The reasoning text; for redacted thinking, the opaque data.</param>
/// <param name="Signature">The provider's signature for round-tripping, if any.</param>
/// <param name="Redacted">Whether this is redacted (opaque) thinking.</param>
public sealed record ThinkingData(string Text, string? Signature = null, bool Redacted = false)
{
    /// <summary>
    /// Gets the provider that produced the reasoning (e.g. <c>anthropic</c>), or null when unknown. A signature is only
    /// valid for that provider, so an adapter drops signed reasoning that another provider produced (spec §3.5).
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>
    /// Gets the provider's id of the reasoning item (OpenAI's <c>rs_...</c>), which the provider needs to accept the
    /// reasoning back in a later request; null when the provider assigns none.
    /// </summary>
    public string? Id { get; init; }
}
