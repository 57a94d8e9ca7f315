// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Generators.Configuration;

/// <summary>One severity entry of an <c>.editorconfig</c> section that concerns the generator's diagnostics.</summary>
/// <param name="Scope">Whether it names an ID, a category or everything.</param>
/// <param name="Name">The diagnostic ID or category as the descriptors spell it; empty for <see cref="SeverityScope.All"/>.</param>
/// <param name="Severity">The configured value.</param>
internal readonly record struct SeveritySetting(SeverityScope Scope, string Name, ConfiguredSeverity Severity)
{
    private const string IdPrefix = "dotnet_diagnostic.";
    private const string BulkKey = "dotnet_analyzer_diagnostic.severity";
    private const string CategoryPrefix = "dotnet_analyzer_diagnostic.category-";
    private const string Suffix = ".severity";

    /// <summary>
    /// Reads a key/value pair, or returns null when it is not a valid severity entry for one of the
    /// generator's diagnostics. Entries for other analyzers are dropped here, so editing them leaves the
    /// generator's view of the file unchanged and its cached results valid.
    /// </summary>
    public static SeveritySetting? TryCreate(string key, string value)
    {
        if (!ConfiguredSeverities.TryParse(value, out var severity))
        {
            return null;
        }

        if (string.Equals(key, BulkKey, StringComparison.OrdinalIgnoreCase))
        {
            return new SeveritySetting(SeverityScope.All, string.Empty, severity);
        }

        if (key.Length > CategoryPrefix.Length + Suffix.Length
            && key.StartsWith(CategoryPrefix, StringComparison.OrdinalIgnoreCase)
            && key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            var category = key.Substring(CategoryPrefix.Length, key.Length - CategoryPrefix.Length - Suffix.Length);
            return GeneratorDiagnostics.FindCategory(category) is { } known ? new SeveritySetting(SeverityScope.Category, known, severity) : null;
        }

        if (key.Length > IdPrefix.Length + Suffix.Length
            && key.StartsWith(IdPrefix, StringComparison.OrdinalIgnoreCase)
            && key.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            var id = key.Substring(IdPrefix.Length, key.Length - IdPrefix.Length - Suffix.Length);
            return GeneratorDiagnostics.FindId(id) is { } known ? new SeveritySetting(SeverityScope.Id, known, severity) : null;
        }

        return null;
    }
}
