// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Maps provider adapter names onto the OpenTelemetry GenAI <c>gen_ai.provider.name</c> well-known values.</summary>
internal static class GenAiProviderNames
{
    /// <summary>Gets the semantic-convention name of a provider: <c>gemini</c> is <c>gcp.gemini</c>; other names pass through.</summary>
    /// <param name="provider">The adapter name.</param>
    /// <returns>The <c>gen_ai.provider.name</c> value.</returns>
    public static string For(string provider) => provider switch
    {
        "gemini" => "gcp.gemini",
        _ => provider,
    };
}
