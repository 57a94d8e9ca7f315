// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Generators.Configuration;

/// <summary>Gives one file's diagnostics the severities its <c>.editorconfig</c> sections configure.</summary>
internal static class ConfiguredDiagnostics
{
    /// <summary>
    /// Drops the diagnostics configured <c>none</c> and sets the severity of the others. Should anything
    /// go wrong, every diagnostic keeps its default severity: a configuration problem must never hide an
    /// error or fail the generator.
    /// </summary>
    public static EquatableArray<ReportedDiagnostic> Apply(EquatableArray<DiagnosticInfo> diagnostics, EditorConfigSet configuration)
    {
        try
        {
            return ApplyCore(diagnostics, configuration);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ApplyCore(diagnostics, EditorConfigSet.Empty);
        }
    }

    private static EquatableArray<ReportedDiagnostic> ApplyCore(EquatableArray<DiagnosticInfo> diagnostics, EditorConfigSet configuration)
    {
        var reported = new List<ReportedDiagnostic>(diagnostics.Count);
        var byFile = new Dictionary<string, FileSeverities>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            var descriptor = GeneratorDiagnostics.Get(diagnostic.Id);
            if (configuration.Files.Count == 0)
            {
                reported.Add(new ReportedDiagnostic(diagnostic, descriptor.DefaultSeverity));
                continue;
            }

            var path = diagnostic.Location.FilePath;
            if (!byFile.TryGetValue(path, out var severities))
            {
                severities = configuration.For(path);
                byFile.Add(path, severities);
            }

            if (severities.SeverityOf(descriptor) is { } severity)
            {
                reported.Add(new ReportedDiagnostic(diagnostic, severity));
            }
        }

        return reported.ToEquatableArray();
    }
}
