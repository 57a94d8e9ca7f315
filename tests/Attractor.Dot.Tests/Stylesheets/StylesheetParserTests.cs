// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Stylesheets;
using CsCheck;

namespace Attractor.Dot.Tests.Stylesheets;

public sealed class StylesheetParserTests
{
    [Fact]
    public void Rules_record_selector_properties_and_values_with_offsets()
    {
        const string Text = "* { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }";
        var rule = Assert.Single(ParseValid(Text).Rules);

        Assert.Equal(StylesheetSelectorKind.Universal, rule.Selector.Kind);
        Assert.Equal((0, 1), (rule.Selector.Start, rule.Selector.Length));
        Assert.Equal((0, Text.Length), (rule.Start, rule.Length));
        Assert.Equal(2, rule.Declarations.Count);

        var model = rule.Declarations[0];
        Assert.Equal(("llm_model", "llm_model", "claude-sonnet-4-5"), (model.Property, model.Name, model.Value));
        Assert.Equal((4, 9), (model.PropertyStart, model.PropertyLength));
        Assert.Equal((15, 17), (model.ValueStart, model.ValueLength));
        Assert.Equal((4, 28), (model.Start, model.Length));
        Assert.False(model.IsQuoted);
        Assert.True(model.IsKnown);
        Assert.False(model.IsAlias);

        var provider = rule.Declarations[1];
        Assert.Equal((34, 12), (provider.PropertyStart, provider.PropertyLength));
        Assert.Equal((48, 9), (provider.ValueStart, provider.ValueLength));
    }

    [Fact]
    public void Quoted_values_are_unescaped_and_located_inside_the_quotes()
    {
        const string Text = "#critical_review { llm_model: \"gpt-5.2\"; reasoning_effort: high }";
        var rule = Assert.Single(ParseValid(Text).Rules);

        Assert.Equal((StylesheetSelectorKind.Id, "critical_review", 3), (rule.Selector.Kind, rule.Selector.Value, rule.Selector.Specificity));
        var model = rule.Declarations[0];
        Assert.True(model.IsQuoted);
        Assert.Equal("gpt-5.2", model.Value);
        Assert.Equal((31, 7), (model.ValueStart, model.ValueLength));
        Assert.Equal((19, 20), (model.Start, model.Length));
        Assert.Equal((59, 4), (rule.Declarations[1].ValueStart, rule.Declarations[1].ValueLength));
        Assert.Equal("a \"b\" \\c", Assert.Single(ParseValid("* { llm_model: \"a \\\"b\\\" \\\\c\" }").Rules).Declarations[0].Value);
    }

    [Theory]
    [InlineData("* { llm_model: x }", StylesheetSelectorKind.Universal, "*", 0)]
    [InlineData("box { llm_model: x }", StylesheetSelectorKind.Shape, "box", 1)]
    [InlineData("Mdiamond { llm_model: x }", StylesheetSelectorKind.Shape, "Mdiamond", 1)]
    [InlineData(".fast { llm_model: x }", StylesheetSelectorKind.Class, "fast", 2)]
    [InlineData(".loop-a { llm_model: x }", StylesheetSelectorKind.Class, "loop-a", 2)]
    [InlineData(".branch_a { llm_model: x }", StylesheetSelectorKind.Class, "branch_a", 2)]
    [InlineData(".2fast { llm_model: x }", StylesheetSelectorKind.Class, "2fast", 2)]
    [InlineData("#review { llm_model: x }", StylesheetSelectorKind.Id, "review", 3)]
    public void Selectors_have_kinds_and_specificity(string text, StylesheetSelectorKind kind, string value, int specificity)
    {
        var selector = Assert.Single(ParseValid(text).Rules).Selector;

        Assert.Equal((kind, value, specificity), (selector.Kind, selector.Value, selector.Specificity));
        Assert.Equal(text.Substring(0, text.IndexOf(' ', StringComparison.Ordinal)), selector.ToString());
    }

    [Theory]
    [InlineData("* { llm_model: x }")]
    [InlineData("* { llm_model: x; }")]
    [InlineData("* {llm_model:x;llm_provider:y}")]
    [InlineData("* { llm_model: x;; }")]
    [InlineData("* { }")]
    [InlineData("\n  * {\n    llm_model: x;\n  }\n  .a { llm_provider: y }\n")]
    public void Separators_and_whitespace_are_flexible(string text) => ParseValid(text);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void An_empty_stylesheet_has_no_rules(string? text)
    {
        var stylesheet = ParseValid(text);

        Assert.True(stylesheet.IsEmpty);
    }

    [Fact]
    public void Aliases_and_unknown_properties_parse_and_are_marked()
    {
        var declarations = Assert.Single(ParseValid("* { model: m; provider: p; temperature: 0.2 }").Rules).Declarations;

        Assert.Equal(("model", "llm_model", true, true), (declarations[0].Property, declarations[0].Name, declarations[0].IsAlias, declarations[0].IsKnown));
        Assert.Equal(("provider", "llm_provider", true, true), (declarations[1].Property, declarations[1].Name, declarations[1].IsAlias, declarations[1].IsKnown));
        Assert.Equal(("temperature", "temperature", false, false), (declarations[2].Property, declarations[2].Name, declarations[2].IsAlias, declarations[2].IsKnown));
    }

    [Theory]
    [InlineData("* { provider = \"x\" }", 13, 1, "expected ':' after property 'provider' but found '='")]
    [InlineData("* llm_model: x; }", 2, 10, "expected '{' after selector '*'")]
    [InlineData("* { llm_model: x; ", 2, 1, "missing '}'")]
    [InlineData("{ llm_model: x; }", 0, 1, "missing selector")]
    [InlineData("box.code { llm_model: x; }", 0, 8, "'box.code' is not supported")]
    [InlineData("a, b { llm_model: x; }", 1, 1, "selector lists")]
    [InlineData("# { llm_model: x; }", 0, 1, "missing node ID")]
    [InlineData(". { llm_model: x; }", 0, 1, "missing class name")]
    [InlineData("* { llm_model x; }", 14, 1, "expected ':' after property 'llm_model' but found 'x'")]
    [InlineData("* { llm_model: ; }", 13, 1, "missing value")]
    [InlineData("* { llm_model }", 4, 9, "has no value")]
    [InlineData("* { llm_model: \"abc }", 15, 6, "unterminated")]
    [InlineData("* { llm_model: claude sonnet; }", 22, 6, "expected ';' or '}'")]
    [InlineData("* { llm_model: x } }", 19, 1, "unexpected '}'")]
    [InlineData("@media { }", 0, 6, "where a selector was expected")]
    [InlineData("* { 9x: y }", 4, 3, "expected a property")]
    [InlineData("* { llm_model: 'x' }", 15, 1, "single quotes")]
    [InlineData("* { llm_model: a\"b\" }", 16, 1, "after the value")]
    [InlineData("box", 0, 3, "has no '{ ... }' block")]
    public void Each_kind_of_error_is_located_at_the_offending_token(string text, int start, int length, string message)
    {
        var result = ModelStylesheet.Parse(text);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal((start, length), (error.Start, error.Length));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_instead_of_colon_suggests_the_css_form()
    {
        var error = Assert.Single(ModelStylesheet.Parse("* { provider = \"openai\" }").Errors);

        Assert.Equal("write provider: openai", error.Fix);
        Assert.Contains("'property: value'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_recovers_at_the_next_rule_and_reports_every_error()
    {
        const string Text = "* { llm_model = x } .code { llm_model: y; } #a { provider = \"z\" } box { llm_provider: w }";
        var result = ModelStylesheet.Parse(Text);

        Assert.Equal(new[] { 14, 58 }, result.Errors.Select(e => e.Start).ToArray());
        Assert.Equal(new[] { ".code", "box" }, result.Stylesheet.Rules.Select(r => r.Selector.ToString()).ToArray());
        Assert.Equal(new[] { 0, 1 }, result.Stylesheet.Rules.Select(r => r.Order).ToArray());
    }

    [Fact]
    public void A_missing_closing_brace_resumes_at_the_next_selector()
    {
        const string Text = "* { llm_model: x .code { llm_model: y; }";
        var result = ModelStylesheet.Parse(Text);

        var error = Assert.Single(result.Errors);
        Assert.Equal((17, 5), (error.Start, error.Length));
        Assert.Equal(".code", Assert.Single(result.Stylesheet.Rules).Selector.ToString());
    }

    [Fact]
    public void A_stray_closing_brace_does_not_hide_the_rule_before_it()
    {
        var result = ModelStylesheet.Parse("* { llm_model: x } } .a { llm_model: y }");

        Assert.Single(result.Errors);
        Assert.Equal(2, result.Stylesheet.Rules.Count);
    }

    [Fact]
    public void The_example_of_section_8_6_parses()
    {
        const string Text = """

                        * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
                        .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
                        #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }

            """;
        var rules = ParseValid(Text).Rules;

        Assert.Equal(new[] { "*", ".code", "#critical_review" }, rules.Select(r => r.Selector.ToString()).ToArray());
        Assert.Equal(3, rules[2].Declarations.Count);
        Assert.Equal("high", rules[2].Find("reasoning_effort")!.Value);
    }

    [Fact]
    public void Parse_never_throws_and_locates_everything_inside_the_text_on_random_strings()
    {
        Gen.String.Sample(CheckInvariants, iter: 20_000);
    }

    [Fact]
    public void Parse_never_throws_on_strings_made_of_stylesheet_characters()
    {
        var chars = Gen.Char["*#.{}:;=\"\\' \n\tabxllm_model-_provider09,@"];
        Gen.String[chars, 0, 60].Sample(CheckInvariants, iter: 50_000);
    }

    private static void CheckInvariants(string text)
    {
        var result = ModelStylesheet.Parse(text);
        Assert.Equal(result.Success, result.Errors.Count == 0);
        foreach (var error in result.Errors)
        {
            Assert.InRange(error.Start, 0, text.Length);
            Assert.InRange(error.Length, 0, text.Length - error.Start);
            Assert.False(string.IsNullOrEmpty(error.Message));
        }

        foreach (var rule in result.Stylesheet.Rules)
        {
            Assert.InRange(rule.Start + rule.Length, 0, text.Length);
            Assert.Equal(rule.Selector.ToString(), text.Substring(rule.Selector.Start, rule.Selector.Length));
            foreach (var declaration in rule.Declarations)
            {
                Assert.Equal(declaration.Property, text.Substring(declaration.PropertyStart, declaration.PropertyLength));
                Assert.InRange(declaration.Start + declaration.Length, 0, text.Length);
                if (!declaration.IsQuoted)
                {
                    Assert.Equal(declaration.Value, text.Substring(declaration.ValueStart, declaration.ValueLength));
                }
            }
        }
    }

    private static ModelStylesheet ParseValid(string? text)
    {
        var result = ModelStylesheet.Parse(text);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Start + ": " + e.Message)));
        return result.Stylesheet;
    }
}
