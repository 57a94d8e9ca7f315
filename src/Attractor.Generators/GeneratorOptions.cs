// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis.Diagnostics;

namespace Attractor.Generators;

/// <summary>The project-wide MSBuild properties the generator reads (declared as <c>CompilerVisibleProperty</c>).</summary>
/// <param name="RootNamespace">The project's root namespace; may be empty.</param>
/// <param name="ProjectDirectory">The project directory with forward slashes and a trailing slash, or empty when unknown.</param>
internal sealed record GeneratorOptions(string RootNamespace, string ProjectDirectory)
{
    public static GeneratorOptions From(AnalyzerConfigOptionsProvider provider)
    {
        var options = provider.GlobalOptions;
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.ProjectDir", out var projectDir);
        return new GeneratorOptions((rootNamespace ?? string.Empty).Trim(), PathText.NormalizeDirectory(projectDir));
    }
}
