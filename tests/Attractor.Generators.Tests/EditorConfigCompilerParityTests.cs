// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections.Immutable;
using CsCheck;
using Generators::Attractor.Generators;
using Generators::Attractor.Generators.Configuration;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests;

/// <summary>
/// The generator's reading of <c>.editorconfig</c> files agrees with the compiler's own
/// (<see cref="AnalyzerConfigSet"/>, which computes what applies to C# files) on section globs,
/// file precedence, <c>root = true</c> and values, for every combination below.
/// </summary>
public sealed class EditorConfigCompilerParityTests
{
    private static readonly string[] Sections =
    [
        "*", "*.dot", "*.DOT", "*.cs", "review.dot", "**/review.dot", "**.dot", "**", "pipelines/**", "pipelines/**.dot",
        "pipelines/*.dot", "pipelines/*", "/pipelines/review.dot", "/review.dot", "/*.dot", "*/review.dot", "*/*/*.dot",
        "{pipelines,other}/**.dot", "*.{cs,dot}", "*.{cs,txt}", "{*.dot}", "{a,{b,pipe}lines}/**", "revie?.dot", "?eview.dot",
        "[qr]eview.dot", "[!r]eview.dot", "[a-s]eview.dot", "[!a-q]eview.dot", "[r-]eview.dot", "review{1..3}.dot",
        "review{3..1}.dot", "review{-1..1}.dot", "review{1..3}{a,b}.dot", "a\\{b\\}.dot", "a\\*.dot", "review.{cs,dot", "[review.dot",
        "review.dot}", "a,b", "{}", "{,review.dot}", "ci/**/review.dot", "**/ci/*.dot", "pipelines/ci/", "[[]review.dot",
    ];

    private static readonly string[] Paths =
    [
        "review.dot", "pipelines/review.dot", "pipelines/ci/review.dot", "other/review.dot", "review2.dot", "review4.dot",
        "review0.dot", "review-1.dot", "review2a.dot", "a{b}.dot", "a*.dot", "areview.dot", "-eview.dot", "pipelines/ci/deep/x.dot",
    ];

    private static readonly string[] Values = ["none", "silent", "suggestion", "warning", "error", "default", "NONE", "warn", "info", "none ; comment", "error # comment", "none#x", "sugg#estion", " error ", "error\t", "\"none\""];

    [Fact]
    public void Section_globs_match_the_same_paths()
    {
        var mismatches = new List<string>();
        foreach (var section in Sections)
        {
            var text = "[" + section + "]\ndotnet_diagnostic.ATR2010.severity = none\n";
            foreach (var path in Paths)
            {
                Compare(mismatches, [("/repo/MyApp/.editorconfig", text)], "/repo/MyApp/" + path, "[" + section + "] " + path);
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Values_are_read_the_same()
    {
        var mismatches = new List<string>();
        foreach (var value in Values)
        {
            Compare(mismatches, [("/repo/.editorconfig", "[*]\ndotnet_diagnostic.ATR2010.severity = " + value + "\n")], "/repo/a.dot", value);
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Several_files_combine_the_same_way()
    {
        string[] configs =
        [
            "[*]\ndotnet_diagnostic.ATR2010.severity = error\n",
            "root = true\n[*.dot]\ndotnet_diagnostic.ATR2010.severity = suggestion\n",
            "root = true\n",
            "[*.cs]\ndotnet_diagnostic.ATR2010.severity = none\n",
            "[ci/*.dot]\ndotnet_diagnostic.ATR2010.severity = none\n[*]\ndotnet_diagnostic.ATR2010.severity = silent\n",
            "[**]\ndotnet_diagnostic.ATR2010.severity = warning\n[ci/**]\ndotnet_diagnostic.ATR2010.severity = default\n",
        ];
        string[] directories = ["/repo", "/repo/MyApp", "/repo/MyApp/pipelines"];
        var mismatches = new List<string>();
        foreach (var first in configs)
        {
            foreach (var second in configs)
            {
                foreach (var third in configs)
                {
                    var files = new[] { (directories[0] + "/.editorconfig", first), (directories[1] + "/.editorconfig", second), (directories[2] + "/.editorconfig", third) };
                    foreach (var path in new[] { "/repo/MyApp/pipelines/ci/review.dot", "/repo/MyApp/pipelines/review.dot", "/repo/MyApp/review.dot" })
                    {
                        Compare(mismatches, files, path, string.Join(" | ", files.Select(f => f.Item2.Replace("\n", " ", StringComparison.Ordinal))) + " → " + path);
                    }
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Random_section_globs_match_the_same_paths()
    {
        var token = Gen.OneOf("*", "**", "?", "{", "}", ",", "..", "1", "3", "-", "[", "]", "!", "\\", "/", "a", "r", "e", "review", ".dot", "pipelines", "ci", "#", ";");
        var mismatches = new List<string>();
        token.Array[1, 10].Select(string.Concat).Sample(
            section =>
            {
                var text = "[" + section + "]\ndotnet_diagnostic.ATR2010.severity = none\n";
                foreach (var path in Paths)
                {
                    lock (mismatches)
                    {
                        Compare(mismatches, [("/repo/MyApp/.editorconfig", text)], "/repo/MyApp/" + path, "[" + section + "] " + path);
                    }
                }
            },
            iter: 400);

        Assert.Empty(mismatches);
    }

    private static void Compare(List<string> mismatches, (string Path, string Text)[] files, string dotPath, string label)
    {
        DiagnosticSeverity? expected;
        try
        {
            expected = CompilerSeverity(files, dotPath);
        }
        catch (ArgumentException)
        {
            // The compiler itself fails on some invalid globs (e.g. "[]"); the generator must only not fail.
            _ = GeneratorSeverity(files, dotPath);
            return;
        }

        var actual = GeneratorSeverity(files, dotPath);
        if (expected != actual)
        {
            mismatches.Add($"{label}: compiler {expected?.ToString() ?? "none"}, generator {actual?.ToString() ?? "none"}");
        }
    }

    private static DiagnosticSeverity? CompilerSeverity((string Path, string Text)[] files, string dotPath)
    {
        var set = AnalyzerConfigSet.Create(files.Select(f => AnalyzerConfig.Parse(f.Text, f.Path)).ToImmutableArray());
        var options = set.GetOptionsForSourcePath(dotPath).TreeOptions;
        return options.TryGetValue("ATR2010", out var report)
            ? report switch
            {
                ReportDiagnostic.Suppress => null,
                ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
                ReportDiagnostic.Info => DiagnosticSeverity.Info,
                ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
                ReportDiagnostic.Error => DiagnosticSeverity.Error,
                _ => DiagnosticSeverity.Warning,
            }
            : DiagnosticSeverity.Warning;
    }

    private static DiagnosticSeverity? GeneratorSeverity((string Path, string Text)[] files, string dotPath)
    {
        var set = EditorConfigSet.Create([.. files.Select(f => EditorConfigParser.Parse(f.Path, f.Text))]);
        return set.For(dotPath).SeverityOf(GeneratorDiagnostics.Get("ATR2010"));
    }
}
