// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>How serious a diagnostic is (attractor-spec §7.1).</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational note.</summary>
    Info = 0,

    /// <summary>The pipeline runs, but its behaviour may be unexpected.</summary>
    Warning = 1,

    /// <summary>The pipeline will not run.</summary>
    Error = 2,
}
