// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>Replaces the values of secret-looking environment variables (<c>*KEY*</c>, <c>*TOKEN*</c>, <c>*SECRET*</c>, <c>*PASSWORD*</c>) in text.</summary>
internal static class SecretRedactor
{
    private static readonly string[] SecretMarkers = ["KEY", "TOKEN", "SECRET", "PASSWORD"];

    public static string Redact(string text, IReadOnlyDictionary<string, string?> configured)
    {
        var result = text;
        foreach (var (name, value) in Secrets(configured))
        {
            if (value.Length >= 6 && result.Contains(value, StringComparison.Ordinal))
            {
                result = result.Replace(value, "[" + name + "]", StringComparison.Ordinal);
            }
        }

        return result;
    }

    private static IEnumerable<(string Name, string Value)> Secrets(IReadOnlyDictionary<string, string?> configured)
    {
        foreach (var (name, value) in configured)
        {
            if (value is not null && IsSecretName(name))
            {
                yield return (name, value);
            }
        }

        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value && IsSecretName(name))
            {
                yield return (name, value);
            }
        }
    }

    private static bool IsSecretName(string name) =>
        SecretMarkers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase));
}
