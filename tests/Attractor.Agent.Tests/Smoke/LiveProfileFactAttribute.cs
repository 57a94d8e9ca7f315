// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests.Smoke;

/// <summary>
/// A fact that talks to one real provider: it runs only when that provider's API key is in the environment and is
/// reported as skipped, with the reason, otherwise (tests never need the internet to pass).
/// </summary>
public sealed class LiveProfileFactAttribute : FactAttribute
{
    /// <summary>Initializes a new instance of the <see cref="LiveProfileFactAttribute"/> class.</summary>
    /// <param name="keyVariable">The environment variable holding the provider's key, e.g. <c>OPENAI_API_KEY</c>.</param>
    public LiveProfileFactAttribute(string keyVariable)
    {
        KeyVariable = keyVariable;
        if (string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(keyVariable)))
        {
            Skip = $"Live smoke test (spec §9.13) against the real API: set {keyVariable} to run it.";
        }
    }

    /// <summary>Gets the environment variable that enables the test.</summary>
    public string KeyVariable { get; }
}
