// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Reflection;
using System.Text.RegularExpressions;

namespace Attractor.Dot.Tests.Diagnostics;

/// <summary>
/// The catalog of diagnostic IDs is a public contract: IDs are stable, well-formed, categorised by
/// range, and each one is documented in docs/diagnostics.md with an example that really triggers it.
/// </summary>
public sealed partial class DiagnosticCatalogTests
{
    private const string ExampleFile = "pipeline.dot";

    private static readonly Lazy<string> Document = new(() => File.ReadAllText(RepositoryFiles.DiagnosticsDocument).Replace("\r\n", "\n", StringComparison.Ordinal));

    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(d => d.Id));

    [Fact]
    public void Ids_are_unique()
    {
        var duplicates = DiagnosticDescriptors.All.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Rule_names_are_unique_snake_case_and_titles_are_set()
    {
        Assert.Equal(DiagnosticDescriptors.All.Count, DiagnosticDescriptors.All.Select(d => d.Rule).Distinct(StringComparer.Ordinal).Count());
        Assert.All(DiagnosticDescriptors.All, d =>
        {
            Assert.Matches(RuleNamePattern(), d.Rule);
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id + " has no title");
        });
    }

    [Fact]
    public void Ids_have_the_form_ATR_range_digit_and_three_digits()
    {
        Assert.All(DiagnosticDescriptors.All, d => Assert.Matches(IdPattern(), d.Id));
    }

    [Fact]
    public void Category_matches_the_id_range()
    {
        Assert.All(DiagnosticDescriptors.All, d =>
            Assert.Equal(d.Id.StartsWith("ATR1", StringComparison.Ordinal) ? DiagnosticCategory.Syntax : DiagnosticCategory.Lint, d.Category));
    }

    [Fact]
    public void All_is_in_id_order()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void All_lists_every_descriptor_field()
    {
        var fields = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

        Assert.Equal(fields.Length, DiagnosticDescriptors.All.Count);
        Assert.All(fields, d => Assert.Contains(d, DiagnosticDescriptors.All));
    }

    [Fact]
    public void Lint_rules_of_spec_section_7_2_keep_the_spec_names_and_severities()
    {
        // attractor-spec §7.2, in table order: ATR2001..ATR2013.
        (string Rule, DiagnosticSeverity Severity)[] spec =
        [
            ("start_node", DiagnosticSeverity.Error), ("terminal_node", DiagnosticSeverity.Error), ("reachability", DiagnosticSeverity.Error),
            ("edge_target_exists", DiagnosticSeverity.Error), ("start_no_incoming", DiagnosticSeverity.Error), ("exit_no_outgoing", DiagnosticSeverity.Error),
            ("condition_syntax", DiagnosticSeverity.Error), ("stylesheet_syntax", DiagnosticSeverity.Error), ("type_known", DiagnosticSeverity.Warning),
            ("fidelity_valid", DiagnosticSeverity.Warning), ("retry_target_exists", DiagnosticSeverity.Warning), ("goal_gate_has_retry", DiagnosticSeverity.Warning),
            ("prompt_on_llm_nodes", DiagnosticSeverity.Warning),
        ];

        for (var i = 0; i < spec.Length; i++)
        {
            var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == "ATR" + (2001 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(spec[i], (descriptor.Rule, descriptor.DefaultSeverity));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_is_the_lower_case_anchor_of_the_documentation_section(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Equal("docs/diagnostics.md#" + id.ToLowerInvariant(), descriptor.HelpLink);

        // GitHub derives the anchor from the heading text, so the heading must be exactly the ID.
        Assert.Contains("\n## " + id + "\n", Document.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_catalog_id_has_a_documentation_section_and_nothing_else_does()
    {
        var headings = SectionHeading().Matches(Document.Value).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), headings);
    }

    [Fact]
    public void Documentation_mentions_no_id_outside_the_catalog()
    {
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = MentionedId().Matches(Document.Value).Select(m => m.Value).Where(id => !known.Contains(id)).Distinct().ToArray();
        Assert.Empty(unknown);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Documentation_section_states_the_rule_and_default_severity(string id)
    {
        var descriptor = Descriptor(id);
        var section = Section(id);
        Assert.Contains("**Rule:** `" + descriptor.Rule + "`", section, StringComparison.Ordinal);
        Assert.Contains("**Default severity:** " + DotDiagnostic.SeverityText(descriptor.DefaultSeverity), section, StringComparison.Ordinal);
        Assert.Contains("**Fix:**", section, StringComparison.Ordinal);

        // The overview table lists it too, with the same rule and severity.
        Assert.Contains(
            "| [" + id + "](#" + id.ToLowerInvariant() + ") | `" + descriptor.Rule + "` | " + DotDiagnostic.SeverityText(descriptor.DefaultSeverity) + " | " + descriptor.Title + " |",
            Document.Value,
            StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Documentation_example_prints_exactly_the_documented_diagnostics(string id)
    {
        var (example, printed, _) = Blocks(id);
        var actual = Loader(id).Load(example, ExampleFile).Diagnostics.Select(Printed).ToArray();

        Assert.True(
            actual.SequenceEqual(printed),
            "docs/diagnostics.md#" + id.ToLowerInvariant() + " shows other output than the current build prints. Replace its ```text block with:\n"
                + string.Join("\n", actual));
        Assert.Contains(actual, line => line.Contains(" " + id + ": ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Documentation_fix_is_clean(string id)
    {
        var (_, _, fix) = Blocks(id);
        var diagnostics = PipelineLoader.Default.Load(fix, ExampleFile).Diagnostics;
        Assert.True(diagnostics.Count == 0, "The fix in docs/diagnostics.md#" + id.ToLowerInvariant() + " still reports:\n" + string.Join("\n", diagnostics));
    }

    private static DiagnosticDescriptor Descriptor(string id) => DiagnosticDescriptors.All.Single(d => d.Id == id);

    // ATR2004 and ATR2999 cannot come from DOT text alone: their examples run with the custom
    // transform and rule the documentation describes.
    private static PipelineLoader Loader(string id) => id switch
    {
        "ATR2004" => new PipelineLoader { Transforms = { new DropSkippedNodes() } },
        "ATR2999" => new PipelineLoader { Rules = { new OwnerRule() } },
        _ => PipelineLoader.Default,
    };

    private static string Printed(DotDiagnostic diagnostic) =>
        diagnostic.ToString().Replace(typeof(OwnerRule).FullName!, OwnerRule.DocumentedTypeName, StringComparison.Ordinal);

    private static string Section(string id)
    {
        var start = Document.Value.IndexOf("\n## " + id + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "No section for " + id);
        var end = Document.Value.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? Document.Value.Substring(start) : Document.Value.Substring(start, end - start);
    }

    // A section holds the example (first ```dot block), the printed diagnostics (the ```text block
    // after it) and the corrected file (last ```dot block).
    private static (string Example, string[] Printed, string Fix) Blocks(string id)
    {
        var section = Section(id);
        var dots = DotBlock().Matches(section);
        Assert.True(dots.Count >= 2, id + " needs an example and a fix in ```dot blocks");
        var text = TextBlock().Match(section, dots[0].Index + dots[0].Length);
        Assert.True(text.Success, id + " needs a ```text block with the printed diagnostics after its example");
        var printed = text.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (dots[0].Groups[1].Value, printed, dots[dots.Count - 1].Groups[1].Value);
    }

    [GeneratedRegex(@"^ATR[12]\d{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z]+(_[a-z]+)*$")]
    private static partial Regex RuleNamePattern();

    [GeneratedRegex(@"(?m)^## (ATR\d+)\s*$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"ATR\d{4}")]
    private static partial Regex MentionedId();

    [GeneratedRegex(@"```dot\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex DotBlock();

    [GeneratedRegex(@"```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TextBlock();
}
