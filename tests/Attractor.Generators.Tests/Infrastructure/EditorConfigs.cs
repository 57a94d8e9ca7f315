// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary><c>.editorconfig</c> files as the targets hand them to the generator: additional files named <c>.editorconfig</c>.</summary>
internal static class EditorConfigs
{
    /// <summary>An <c>.editorconfig</c> in a folder given by its full path (<c>/repo/</c>, <c>/repo/MyApp/pipelines/</c>).</summary>
    public static AdditionalText At(string directory, string text) => new InMemoryAdditionalText(directory.TrimEnd('/') + "/.editorconfig", text);

    /// <summary>An <c>.editorconfig</c> in the project directory.</summary>
    public static AdditionalText InProject(string text) => At(GeneratorHarness.ProjectDirectory, text);
}
