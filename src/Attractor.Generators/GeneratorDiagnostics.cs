// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using DotDescriptors = Attractor.Dot.DiagnosticDescriptors;
using DotSeverity = Attractor.Dot.DiagnosticSeverity;

namespace Attractor.Generators;

/// <summary>
/// The Roslyn descriptors for every diagnostic the generator reports: one per Attractor.Dot
/// diagnostic, with the same ID and default severity, plus the generator's own internal error. Being
/// ordinary descriptors, their severities follow <c>.globalconfig</c>, <c>NoWarn</c> and
/// <c>WarningsAsErrors</c> like any compiler diagnostic; <c>.editorconfig</c> sections are applied by the
/// generator itself (see <see cref="Configuration.EditorConfigSet"/>).
/// </summary>
internal static class GeneratorDiagnostics
{
    /// <summary>
    /// The generator itself failed on one file. Reported at that file instead of letting the exception
    /// reach the compiler (CS8785), which would drop every other pipeline's output too.
    /// </summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ATR9000",
        title: "Internal error in the Attractor generator",
        messageFormat: "The Attractor generator failed on this file: {0}",
        category: "Attractor.Generator",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A bug in the generator, not in the pipeline. No runner class was generated for this file; the other files are unaffected.",
        helpLinkUri: "docs/generator.md#atr9000");

    /// <summary>Two pipeline files would generate the same class; the later one in path order gets none.</summary>
    public static readonly DiagnosticDescriptor DuplicateRunner = new(
        id: "ATR9001",
        title: "Two pipelines generate the same runner class",
        messageFormat: "The runner class '{0}' is already generated from '{1}'; give this file or that one a different graph ID, or set its ClassName or Namespace metadata",
        category: "Attractor.Generator",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Two .dot files with the same graph ID in one folder map to the same class. The file first in ordinal path order keeps the class.",
        helpLinkUri: "docs/generator.md#atr9001");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = CreateById();

    // .editorconfig keys are case-insensitive (the compiler lower-cases them): these map any spelling to the descriptors' one.
    private static readonly Dictionary<string, string> IdsIgnoringCase = CreateIgnoringCase(ById.Keys);
    private static readonly Dictionary<string, string> CategoriesIgnoringCase = CreateIgnoringCase(ById.Values.Select(static d => d.Category));

    /// <summary>Finds the descriptor for an ID; unknown IDs (e.g. from a newer front-end) fall back to a generic one.</summary>
    public static DiagnosticDescriptor Get(string id) =>
        ById.TryGetValue(id, out var descriptor) ? descriptor : InternalError;

    /// <summary>Gets every descriptor, in ID order.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => ById.Values;

    /// <summary>Gets the ID as the descriptors spell it (<c>atr2010</c> → <c>ATR2010</c>), or null when no descriptor has it.</summary>
    public static string? FindId(string id) => IdsIgnoringCase.TryGetValue(id, out var known) ? known : null;

    /// <summary>Gets the category as the descriptors spell it (<c>attractor.lint</c> → <c>Attractor.Lint</c>), or null when no descriptor has it.</summary>
    public static string? FindCategory(string category) => CategoriesIgnoringCase.TryGetValue(category, out var known) ? known : null;

    private static Dictionary<string, string> CreateIgnoringCase(IEnumerable<string> names)
    {
        var map = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            map[name] = name;
        }

        return map;
    }

    private static Dictionary<string, DiagnosticDescriptor> CreateById()
    {
        var byId = new Dictionary<string, DiagnosticDescriptor>(System.StringComparer.Ordinal);
        foreach (var dot in DotDescriptors.All)
        {
            byId[dot.Id] = new DiagnosticDescriptor(
                dot.Id,
                dot.Title,
                "{0}",
                dot.Category == Attractor.Dot.DiagnosticCategory.Syntax ? "Attractor.Syntax" : "Attractor.Lint",
                ToRoslyn(dot.DefaultSeverity),
                isEnabledByDefault: true,
                description: "Rule " + dot.Rule + ". " + dot.Title + ".",
                helpLinkUri: dot.HelpLink);
        }

        byId[InternalError.Id] = InternalError;
        byId[DuplicateRunner.Id] = DuplicateRunner;
        return byId;
    }

    private static DiagnosticSeverity ToRoslyn(DotSeverity severity) => severity switch
    {
        DotSeverity.Error => DiagnosticSeverity.Error,
        DotSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
