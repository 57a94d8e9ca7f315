// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Configuration;

/// <summary>What an <c>.editorconfig</c> severity entry applies to; a narrower scope wins over a wider one.</summary>
internal enum SeverityScope
{
    /// <summary><c>dotnet_analyzer_diagnostic.severity</c>: every diagnostic.</summary>
    All,

    /// <summary><c>dotnet_analyzer_diagnostic.category-&lt;Category&gt;.severity</c>: one category.</summary>
    Category,

    /// <summary><c>dotnet_diagnostic.&lt;ID&gt;.severity</c>: one diagnostic ID.</summary>
    Id,
}
