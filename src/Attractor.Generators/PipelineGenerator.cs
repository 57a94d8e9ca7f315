// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using Attractor.Generators.Analysis;
using Attractor.Generators.Configuration;
using Attractor.Generators.Emit;
using Attractor.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators;

/// <summary>
/// Turns every <c>.dot</c> additional file (or additional file with <c>SourceItemType</c>
/// <c>AttractorPipeline</c>) into a typed runner class and reports the file's parse and lint
/// diagnostics at their exact location in the file.
/// </summary>
/// <remarks>
/// Diagnostics and code leave through two separate outputs of one analysis step, so a file with
/// errors still reports them while producing no class, and editing one file re-runs only that
/// file's steps. Diagnostics get the severities of the project's <c>.editorconfig</c> sections
/// (<see cref="EditorConfigSet"/>); the code path does not depend on them.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class PipelineGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider))
            .WithTrackingName(TrackingNames.Options);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => PipelineFile.TryCreate(pair.Left, pair.Right.GetOptions(pair.Left), GeneratorOptions.From(pair.Right), cancellationToken))
            .WithTrackingName(TrackingNames.Files)
            .Where(static file => file is not null)
            .Select(static (file, _) => file!)
            .WithTrackingName(TrackingNames.PipelineFiles);

        var analyses = files
            .Combine(options)
            .Select(static (pair, cancellationToken) => PipelineAnalysis.Analyze(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Analysis);

        // .editorconfig sections, read by the generator because the compiler applies them only to
        // diagnostics in C# files. Only the severity step depends on them: editing an .editorconfig
        // re-reports diagnostics without parsing any pipeline again.
        var editorConfigs = context.AdditionalTextsProvider
            .Where(static text => EditorConfigFile.IsEditorConfig(text.Path))
            .Select(static (text, cancellationToken) => EditorConfigReader.Read(text, cancellationToken))
            .WithTrackingName(TrackingNames.EditorConfigFiles)
            .Collect()
            .Select(static (files, _) => EditorConfigSet.Create(files))
            .WithTrackingName(TrackingNames.EditorConfigs);

        var diagnostics = analyses
            .Select(static (analysis, _) => analysis.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics)
            .Combine(editorConfigs)
            .Select(static (pair, _) => ConfiguredDiagnostics.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ReportedDiagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, found) =>
        {
            foreach (var diagnostic in found)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var hintNames = files
            .Select(static (file, _) => (file.Path, file.RelativePath))
            .Collect()
            .Select(static (paths, _) => HintNames.Assign(paths))
            .WithTrackingName(TrackingNames.HintNames);

        var specs = analyses
            .Select(static (analysis, _) => analysis.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        // Collected over all files, but the result holds only the clashes: an edit that keeps every
        // class name leaves it equal, so the other files' outputs stay cached.
        var clashes = specs
            .Collect()
            .Select(static (all, _) => GeneratedTypes.FindClashes(all))
            .WithTrackingName(TrackingNames.TypeClashes);

        var units = specs
            .Combine(hintNames)
            .Combine(clashes)
            .Select(static (pair, _) => new GenerationUnit(
                pair.Left.Left,
                HintNames.Find(pair.Left.Right, pair.Left.Left.Path) ?? pair.Left.Left.ClassName + ".g.cs",
                GeneratedTypes.Find(pair.Right, pair.Left.Left.Path)))
            .WithTrackingName(TrackingNames.Outputs);

        context.RegisterSourceOutput(units, static (production, unit) => Emit(production, unit));
    }

    private static void Emit(SourceProductionContext production, GenerationUnit unit)
    {
        try
        {
            if (unit.Clash is { } clash)
            {
                production.ReportDiagnostic(Diagnostic.Create(
                    GeneratorDiagnostics.DuplicateRunner,
                    LocationInfo.From(unit.Spec.Path, unit.Spec.IdSpan).ToLocation(),
                    clash.FullName,
                    clash.OwnerRelativePath));
                return;
            }

            production.AddSource(unit.HintName, PipelineEmitter.Emit(unit.Spec));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            production.ReportDiagnostic(Diagnostic.Create(
                GeneratorDiagnostics.InternalError,
                LocationInfo.FileStart(unit.Spec.Path).ToLocation(),
                exception.GetType().Name + ": " + exception.Message));
        }
    }
}
