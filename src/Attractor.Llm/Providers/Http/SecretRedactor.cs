// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Removes API keys from text that may reach exceptions, logs or events (a provider may echo a key back).</summary>
public sealed class SecretRedactor
{
    private readonly string[] secrets;

    /// <summary>Initializes a redactor for some secrets; null and short values are ignored.</summary>
    /// <param name="secrets">The secrets.</param>
    public SecretRedactor(IEnumerable<string?> secrets) =>
        this.secrets = [.. (secrets ?? []).Where(s => s is { Length: >= 6 }).Select(s => s!).Distinct(StringComparer.Ordinal)];

    /// <summary>Replaces every occurrence of a secret with <c>[REDACTED]</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without secrets.</returns>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "[REDACTED]", StringComparison.Ordinal);
        }

        return text;
    }
}
