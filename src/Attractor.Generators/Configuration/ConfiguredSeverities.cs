// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Configuration;

/// <summary>Parses and applies <see cref="ConfiguredSeverity"/> values the way the compiler reads them.</summary>
internal static class ConfiguredSeverities
{
    /// <summary>
    /// Reads a value as the compiler does: these words, in any case, nothing else. Anything else (a typo,
    /// an old spelling such as <c>warn</c>) is ignored, as the compiler ignores it after a warning of its own.
    /// </summary>
    public static bool TryParse(string value, out ConfiguredSeverity severity)
    {
        switch (value.ToLowerInvariant())
        {
            case "default":
                severity = ConfiguredSeverity.Default;
                return true;
            case "none":
                severity = ConfiguredSeverity.None;
                return true;
            case "silent" or "refactoring":
                severity = ConfiguredSeverity.Silent;
                return true;
            case "suggestion":
                severity = ConfiguredSeverity.Suggestion;
                return true;
            case "warning":
                severity = ConfiguredSeverity.Warning;
                return true;
            case "error":
                severity = ConfiguredSeverity.Error;
                return true;
            default:
                severity = ConfiguredSeverity.Default;
                return false;
        }
    }

    /// <summary>The severity to report with, or null when the diagnostic is not to be reported (<c>none</c>).</summary>
    public static DiagnosticSeverity? Apply(ConfiguredSeverity severity, DiagnosticSeverity defaultSeverity) => severity switch
    {
        ConfiguredSeverity.None => null,
        ConfiguredSeverity.Silent => DiagnosticSeverity.Hidden,
        ConfiguredSeverity.Suggestion => DiagnosticSeverity.Info,
        ConfiguredSeverity.Warning => DiagnosticSeverity.Warning,
        ConfiguredSeverity.Error => DiagnosticSeverity.Error,
        _ => defaultSeverity,
    };
}
