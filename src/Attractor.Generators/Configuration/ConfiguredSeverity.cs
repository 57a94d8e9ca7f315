// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Configuration;

/// <summary>A severity value of an <c>.editorconfig</c> entry (<c>dotnet_diagnostic.ATR2010.severity = none</c>).</summary>
internal enum ConfiguredSeverity
{
    /// <summary><c>default</c>: the descriptor's own severity.</summary>
    Default,

    /// <summary><c>none</c>: not reported at all.</summary>
    None,

    /// <summary><c>silent</c> (or <c>refactoring</c>): reported as hidden.</summary>
    Silent,

    /// <summary><c>suggestion</c>: reported as info.</summary>
    Suggestion,

    /// <summary><c>warning</c>.</summary>
    Warning,

    /// <summary><c>error</c>.</summary>
    Error,
}
