// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attractor.Generators;

/// <summary>One pipeline source as plain values: its path, text and the item metadata that shapes its class.</summary>
/// <param name="Path">The path as Roslyn names it; diagnostics point here.</param>
/// <param name="RelativePath">The path relative to the project, with forward slashes.</param>
/// <param name="Text">The file content, or null when Roslyn could not read it.</param>
/// <param name="NamespaceOverride">Item metadata <c>Namespace</c>, or empty.</param>
/// <param name="ClassNameOverride">Item metadata <c>ClassName</c>, or empty.</param>
internal sealed record PipelineFile(string Path, string RelativePath, string? Text, string NamespaceOverride, string ClassNameOverride)
{
    /// <summary>The item type the MSBuild targets give pipeline files (as <c>SourceItemType</c> metadata on the AdditionalFiles they add).</summary>
    public const string ItemType = "AttractorPipeline";

    /// <summary>Returns the pipeline file for an additional file, or null when the file is not a pipeline.</summary>
    public static PipelineFile? TryCreate(AdditionalText file, AnalyzerConfigOptions options, GeneratorOptions project, CancellationToken cancellationToken)
    {
        options.TryGetValue("build_metadata.AdditionalFiles.SourceItemType", out var itemType);
        var isPipeline = string.Equals(itemType, ItemType, StringComparison.OrdinalIgnoreCase)
            || file.Path.EndsWith(".dot", StringComparison.OrdinalIgnoreCase);
        if (!isPipeline)
        {
            return null;
        }

        options.TryGetValue("build_metadata.AdditionalFiles.Namespace", out var namespaceOverride);
        options.TryGetValue("build_metadata.AdditionalFiles.ClassName", out var classNameOverride);
        string? text;
        try
        {
            text = file.GetText(cancellationToken)?.ToString();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reported as ATR9000 at the file by the analysis step, like a file Roslyn returns no text for.
            text = null;
        }

        return new PipelineFile(
            file.Path,
            PathText.MakeRelative(file.Path, project.ProjectDirectory),
            text,
            (namespaceOverride ?? string.Empty).Trim(),
            (classNameOverride ?? string.Empty).Trim());
    }
}
