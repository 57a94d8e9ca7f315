// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Agents;

/// <summary>
/// The agent profiles <c>attractor agent</c> offers and the environment variables holding their API keys, in the
/// order <c>LlmClient.FromEnv</c> picks its default provider. Only the variables' names are ever shown, never
/// their values.
/// </summary>
internal static class ProviderKeys
{
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";

    /// <summary>Gets the profile names, in the order a default is chosen.</summary>
    public static IReadOnlyList<string> Profiles { get; } = [OpenAI, Anthropic, Gemini];

    /// <summary>Gets the variable to set for a profile (Gemini also accepts <c>GOOGLE_API_KEY</c>).</summary>
    public static string VariableFor(string profile) => profile switch
    {
        OpenAI => "OPENAI_API_KEY",
        Anthropic => "ANTHROPIC_API_KEY",
        Gemini => "GEMINI_API_KEY",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };

    /// <summary>Returns whether the key of <paramref name="profile"/> is set (non-blank).</summary>
    public static bool HasKey(string profile, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !string.IsNullOrWhiteSpace(environment(VariableFor(profile)))
            || (profile == Gemini && !string.IsNullOrWhiteSpace(environment("GOOGLE_API_KEY")));
    }

    /// <summary>Returns the first profile whose key is set, or null when none is.</summary>
    public static string? DefaultProfile(Func<string, string?> environment) =>
        Profiles.FirstOrDefault(profile => HasKey(profile, environment));

    /// <summary>
    /// The problem line for a missing key. It starts with <see cref="MissingKeyPrefix"/> and the variable's name,
    /// a shape the MSBuild tasks recognise to report their own error code.
    /// </summary>
    public static string MissingKey(string variable, string purpose) =>
        $"{MissingKeyPrefix}{variable} is not set; set it to your API key to {purpose}";

    /// <summary>The start of every missing-key problem line (after <c>attractor: </c>).</summary>
    public const string MissingKeyPrefix = "missing API key: ";
}
