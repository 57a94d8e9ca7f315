// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.Smoke;

/// <summary>
/// A fact that talks to the real providers: it runs only when every provider's API key is in the environment and is
/// reported as skipped, with the reason, otherwise (tests never need the internet to pass).
/// </summary>
public sealed class LiveProvidersFactAttribute : FactAttribute
{
    public static readonly string[] KeyVariables = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"];

    public LiveProvidersFactAttribute()
    {
        var missing = KeyVariables.Where(name => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name))).ToArray();
        if (missing.Length > 0)
        {
            Skip = "Live smoke test against the real APIs: set " + string.Join(", ", missing) + " to run it.";
        }
    }
}
