// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Configuration;

/// <summary>
/// The severity entries that apply to one file after every matching section has been read (later ones
/// overwrite earlier ones), and the severity each diagnostic gets from them.
/// </summary>
internal sealed class FileSeverities
{
    private readonly Dictionary<string, ConfiguredSeverity> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfiguredSeverity> _categories = new(StringComparer.Ordinal);
    private ConfiguredSeverity? _all;

    /// <summary>Gets whether no entry applies, so every diagnostic keeps its default severity.</summary>
    public bool IsEmpty => _ids.Count == 0 && _categories.Count == 0 && _all is null;

    /// <summary>Forgets everything read so far: a <c>root = true</c> file cuts off the files above it.</summary>
    public void Clear()
    {
        _ids.Clear();
        _categories.Clear();
        _all = null;
    }

    public void Set(SeveritySetting setting)
    {
        switch (setting.Scope)
        {
            case SeverityScope.Id:
                _ids[setting.Name] = setting.Severity;
                break;
            case SeverityScope.Category:
                _categories[setting.Name] = setting.Severity;
                break;
            default:
                _all = setting.Severity;
                break;
        }
    }

    /// <summary>
    /// The severity to report a diagnostic with, or null when it is configured <c>none</c>. As for
    /// analyzers, an entry for the ID wins over one for its category, which wins over
    /// <c>dotnet_analyzer_diagnostic.severity</c>, wherever each was found; the category and catch-all
    /// entries only concern rules enabled by default, which all of ours are.
    /// </summary>
    public DiagnosticSeverity? SeverityOf(DiagnosticDescriptor descriptor)
    {
        if (_ids.TryGetValue(descriptor.Id, out var configured)
            || (descriptor.IsEnabledByDefault && _categories.TryGetValue(descriptor.Category, out configured)))
        {
            return ConfiguredSeverities.Apply(configured, descriptor.DefaultSeverity);
        }

        return descriptor.IsEnabledByDefault && _all is { } all
            ? ConfiguredSeverities.Apply(all, descriptor.DefaultSeverity)
            : descriptor.DefaultSeverity;
    }
}
