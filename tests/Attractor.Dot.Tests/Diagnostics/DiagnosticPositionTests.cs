// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests.Diagnostics;

/// <summary>
/// For every diagnostic ID, a small input that triggers it and the exact token it must point at.
/// Syntax IDs go through <see cref="DotParser.Parse"/>, lint IDs through
/// <see cref="PipelineLoader.Default"/>, the way users meet them.
/// </summary>
public sealed class DiagnosticPositionTests
{
    private const string FilePath = "pipeline.dot";

    /// <summary>A valid pipeline the lint cases start from; line 1 is <c>digraph P {</c>.</summary>
    private const string Head = "digraph P {\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n";

    private static readonly Dictionary<string, Case> Cases = BuildCases();

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private enum Via
    {
        /// <summary><see cref="DotParser.Parse"/>.</summary>
        Parser,

        /// <summary><see cref="PipelineLoader.Default"/>.</summary>
        Loader,

        /// <summary>A loader with a transform that drops the node <c>review</c> but keeps its edges.</summary>
        DroppingTransform,

        /// <summary>A loader with a custom rule that throws.</summary>
        ThrowingRule,

        /// <summary>A loader with a custom transform that throws.</summary>
        ThrowingTransform,
    }

    [Fact]
    public void Every_catalog_id_has_a_position_case()
    {
        var covered = Cases.Values.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var missing = DiagnosticDescriptors.All.Select(d => d.Id).Where(id => !covered.Contains(id)).ToArray();
        Assert.True(missing.Length == 0, "No position case for " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Diagnostic_points_at_the_offending_token(string name)
    {
        var @case = Cases[name];
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == @case.Id);
        var all = Run(@case);
        var matches = all.Where(d => d.Id == @case.Id).ToArray();
        Assert.True(matches.Length == 1, "Expected one " + @case.Id + ", got " + matches.Length + ":\n" + string.Join("\n", all));
        var diagnostic = matches[0];

        Assert.Same(descriptor, diagnostic.Descriptor);
        Assert.Equal(descriptor.Rule, diagnostic.Rule);
        Assert.Equal(descriptor.DefaultSeverity, diagnostic.Severity);
        Assert.Equal(FilePath, diagnostic.FilePath);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), "empty message");
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Fix), "no fix: " + diagnostic);

        var span = diagnostic.Span;
        Assert.Equal((@case.StartLine, @case.StartColumn, @case.EndLine, @case.EndColumn), (span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
        Assert.Equal(@case.Token, TextPosition.TextOf(@case.Source, span));
        DiagnosticInvariants.AssertWellFormed(diagnostic, @case.Source);

        var severity = DotDiagnostic.SeverityText(descriptor.DefaultSeverity);
        Assert.StartsWith(FilePath + "(" + @case.StartLine + "," + @case.StartColumn + "): " + severity + " " + @case.Id + ": ", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(" [" + descriptor.Rule + "]", diagnostic.ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<DotDiagnostic> Run(Case @case) => @case.Via switch
    {
        Via.Parser => DotParser.Parse(@case.Source, FilePath).Diagnostics,
        Via.Loader => PipelineLoader.Default.Load(@case.Source, FilePath).Diagnostics,

        // The parser declares every node an edge mentions, so ATR2004 is reachable only through a
        // transform (or code) that removes a node and leaves its edges behind.
        Via.DroppingTransform => new PipelineLoader { Transforms = { new DropSkippedNodes("review") } }.Load(@case.Source, FilePath).Diagnostics,

        // ATR2999 reports a crash in an extension; no DOT text makes a built-in rule throw.
        Via.ThrowingRule => new PipelineLoader { Rules = { new OwnerRule() } }.Load(@case.Source, FilePath).Diagnostics,
        Via.ThrowingTransform => new PipelineLoader { Transforms = { new ExplodingTransform() } }.Load(@case.Source, FilePath).Diagnostics,
        _ => throw new ArgumentOutOfRangeException(nameof(@case)),
    };

    private static Dictionary<string, Case> BuildCases()
    {
        var cases = new List<Case>
        {
            // ATR1xxx through the parser.
            Syntax("ATR1001 character in attribute list", "ATR1001", "digraph G { a [label=Work!] }", 1, 26, 1, 27, "!"),
            Syntax("ATR1001 non-BMP character is one diagnostic two columns wide", "ATR1001", "digraph G { a [label=x\U0001F600] }", 1, 23, 1, 25, "\U0001F600"),
            Syntax("ATR1002 stray bracket", "ATR1002", "digraph G { a ] }", 1, 15, 1, 16, "]"),
            Syntax("ATR1002 edge without source", "ATR1002", "digraph G {\n  a;\n  -> b\n}", 3, 3, 3, 5, "->"),
            Syntax("ATR1002 value without key", "ATR1002", "digraph G { a [label=x, =] }", 1, 25, 1, 26, "="),
            Syntax("ATR1002 text before digraph", "ATR1002", "pipeline\ndigraph G { }", 1, 1, 1, 9, "pipeline"),
            Syntax("ATR1003 at the opening quote", "ATR1003", "digraph G {\n  a [label=\"oops]\n  b -> c\n}", 2, 12, 2, 13, "\""),
            Syntax("ATR1004 at the opening delimiter", "ATR1004", "digraph G { a }\n/* trailing", 2, 1, 2, 3, "/*"),
            Syntax("ATR1005 at the operator", "ATR1005", "digraph G { a -- b }", 1, 15, 1, 17, "--"),
            Syntax("ATR1006 at the keyword", "ATR1006", "strict digraph G { }", 1, 1, 1, 7, "strict"),
            Syntax("ATR1007 at the keyword", "ATR1007", "graph G { }", 1, 1, 1, 6, "graph"),
            Syntax("ATR1008 at the second keyword", "ATR1008", "digraph A { }\ndigraph B { }", 2, 1, 2, 8, "digraph"),
            Syntax("ATR1009 covers the whole HTML string", "ATR1009", "digraph G { a [label=<<b>x</b>>] }", 1, 22, 1, 32, "<<b>x</b>>"),
            Syntax("ATR1009 spanning lines", "ATR1009", "digraph G {\n  a [label=<<b>\nx</b>>]\n}", 2, 12, 3, 7, "<<b>\nx</b>>"),
            Syntax("ATR1010 missing ] at the [", "ATR1010", "digraph G {\n  a [label=\"x\"\n  b -> c\n}", 2, 5, 2, 6, "["),
            Syntax("ATR1010 missing } at the end of the file", "ATR1010", "digraph G { a -> b", 1, 19, 1, 19, string.Empty),
            Syntax("ATR1010 missing { at the token found instead", "ATR1010", "digraph G a }", 1, 11, 1, 12, "a"),
            Syntax("ATR1010 missing value at the token found instead", "ATR1010", "digraph G { a [label=] }", 1, 22, 1, 23, "]"),
            Syntax("ATR1010 missing = at the key", "ATR1010", "digraph G { a [label] }", 1, 16, 1, 21, "label"),
            Syntax("ATR1010 value missing at the end of the line, at the key", "ATR1010", "digraph G {\n  x =\n  a -> b\n}", 2, 3, 2, 4, "x"),
            Syntax("ATR1010 missing edge target", "ATR1010", "digraph G { a -> ; }", 1, 18, 1, 19, ";"),
            Syntax("ATR1011 empty file", "ATR1011", string.Empty, 1, 1, 1, 1, string.Empty),
            Syntax("ATR1011 at the end of a file of comments", "ATR1011", "// nothing yet\n", 2, 1, 2, 1, string.Empty),
            Syntax("ATR1012 at the attribute after the gap", "ATR1012", "digraph G { a [label=\"x\" shape=box] }", 1, 26, 1, 31, "shape"),
            Syntax("ATR1013 quoted graph ID", "ATR1013", "digraph \"G\" { }", 1, 9, 1, 12, "\"G\""),
            Syntax("ATR1013 quoted node ID with a space", "ATR1013", "digraph G {\n  \"my node\" [label=x]\n}", 2, 3, 2, 12, "\"my node\""),
            Syntax("ATR1014 at the ID", "ATR1014", "digraph G { my-node }", 1, 13, 1, 20, "my-node"),
            Syntax("ATR1014 edge endpoint", "ATR1014", "digraph G { a -> 2nd }", 1, 18, 1, 21, "2nd"),
            Syntax("ATR1015 at the semicolon", "ATR1015", "digraph G { a [label=\"x\"; shape=box] }", 1, 25, 1, 26, ";"),
            Syntax("ATR1016 at the later key=value", "ATR1016", "digraph G { a [label=\"x\", label=\"y\"] }", 1, 27, 1, 36, "label=\"y\""),
            Syntax("ATR1017 port", "ATR1017", "digraph G { a:p -> b }", 1, 13, 1, 16, "a:p"),
            Syntax("ATR1017 subgraph as edge target", "ATR1017", "digraph G { a -> { b } }", 1, 18, 1, 19, "{"),
            Syntax("ATR1017 subgraph without body", "ATR1017", "digraph G { subgraph s; }", 1, 13, 1, 21, "subgraph"),
            Syntax("ATR1018 at the escape", "ATR1018", "digraph G { a [label=\"x\\qy\"] }", 1, 24, 1, 26, "\\q"),
            Syntax("ATR1018 on the second line of a string", "ATR1018", "digraph G { a [label=\"line1\nline\\q\"] }", 2, 5, 2, 7, "\\q"),

            // ATR2xxx through PipelineLoader.Default.
            Lint("ATR2001 no start, at the graph ID", "ATR2001", "digraph P {\n    exit [shape=Msquare]\n    work [prompt=\"Do it\"]\n    work -> exit\n}", 1, 9, 1, 10, "P"),
            Lint("ATR2001 second start, at its declaration", "ATR2001", Head + "    begin [shape=Mdiamond]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n    begin -> work\n}", 4, 5, 4, 10, "begin"),
            Lint("ATR2002 no exit, at the graph ID", "ATR2002", "digraph P {\n    start [shape=Mdiamond]\n    work  [prompt=\"Do it\"]\n    start -> work\n}", 1, 9, 1, 10, "P"),
            Lint("ATR2002 second exit, at its declaration", "ATR2002", Head + "    done  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n    work -> done\n}", 4, 5, 4, 9, "done"),
            Lint("ATR2003 at the node declaration", "ATR2003", Head + "    work   [prompt=\"Do it\"]\n    review [prompt=\"Review it\"]\n    start -> work -> exit\n}", 5, 5, 5, 11, "review"),
            new("ATR2004 at the missing endpoint", "ATR2004", Via.DroppingTransform, Head + "    work   [prompt=\"Do it\"]\n    review [prompt=\"Review it\"]\n    start -> work -> exit\n    work -> review\n}", 7, 13, 7, 19, "review"),
            Lint("ATR2005 at the edge", "ATR2005", Head + "    work  [prompt=\"Do it\"]\n    start -> work -> exit\n    work -> start\n}", 6, 5, 6, 18, "work -> start"),
            Lint("ATR2006 at the edge", "ATR2006", Head + "    work  [prompt=\"Do it\"]\n    start -> work -> exit\n    exit -> work\n}", 6, 5, 6, 17, "exit -> work"),
            Lint("ATR2007 at the operator inside the condition", "ATR2007", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [condition=\"outcome==success\"]\n}", 6, 37, 6, 39, "=="),
            Lint("ATR2007 after escapes inside the condition", "ATR2007", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [condition=\"context.note=\\\"a b\\\" && outcome==success\"]\n}", 6, 61, 6, 63, "=="),
            Lint("ATR2008 at the token inside the stylesheet", "ATR2008", "digraph P {\n    graph [model_stylesheet=\"* { llm_provider = openai; }\"]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 2, 47, 2, 48, "="),
            Lint("ATR2009 at the type attribute", "ATR2009", Head + "    work  [prompt=\"Do it\", type=\"llm\"]\n    start -> work -> exit\n}", 4, 28, 4, 38, "type=\"llm\""),
            Lint("ATR2010 node fidelity", "ATR2010", Head + "    work  [prompt=\"Do it\", fidelity=\"medium\"]\n    start -> work -> exit\n}", 4, 28, 4, 45, "fidelity=\"medium\""),
            Lint("ATR2010 edge fidelity", "ATR2010", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [fidelity=low]\n}", 6, 19, 6, 31, "fidelity=low"),
            Lint("ATR2011 node retry_target", "ATR2011", Head + "    work  [prompt=\"Do it\", retry_target=\"plan\"]\n    start -> work -> exit\n}", 4, 28, 4, 47, "retry_target=\"plan\""),
            Lint("ATR2011 graph fallback_retry_target", "ATR2011", "digraph P {\n    fallback_retry_target = plan\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 2, 5, 2, 33, "fallback_retry_target = plan"),
            Lint("ATR2012 at the goal_gate attribute", "ATR2012", Head + "    work  [prompt=\"Do it\", goal_gate=true]\n    start -> work -> exit\n}", 4, 28, 4, 42, "goal_gate=true"),
            Lint("ATR2013 at the node declaration", "ATR2013", Head + "    work\n    start -> work -> exit\n}", 4, 5, 4, 9, "work"),
            Lint("ATR2014 at the dead-end node", "ATR2014", Head + "    work   [prompt=\"Do it\"]\n    report [prompt=\"Write a report\"]\n    start -> work -> exit\n    work -> report\n}", 5, 5, 5, 11, "report"),
            Lint("ATR2015 at the shape attribute", "ATR2015", Head + "    work  [prompt=\"Do it\", shape=ellipse]\n    start -> work -> exit\n}", 4, 28, 4, 41, "shape=ellipse"),
            Lint("ATR2015 inherited from a default block, once, at the block", "ATR2015", "digraph P {\n    node [shape=ellipse]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    a [prompt=\"A\"]\n    b [prompt=\"B\"]\n    start -> a -> b -> exit\n}", 2, 11, 2, 24, "shape=ellipse"),
            Lint("ATR2016 at the literal inside the condition", "ATR2016", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [condition=\"outcome=succeeded\"]\n}", 6, 38, 6, 47, "succeeded"),
            Lint("ATR2016 on the second line of a multi-line condition", "ATR2016", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [condition=\"context.ready=true &&\n        outcome=FAIL\"]\n}", 7, 17, 7, 21, "FAIL"),
            Lint("ATR2017 at the node declaration", "ATR2017", Head + "    boss  [shape=house, label=\"Supervise\"]\n    start -> boss -> exit\n}", 4, 5, 4, 9, "boss"),
            Lint("ATR2018 at the node declaration", "ATR2018", Head + "    lint  [shape=parallelogram, label=\"Lint\"]\n    start -> lint -> exit\n}", 4, 5, 4, 9, "lint"),
            Lint("ATR2018 at the empty tool_command", "ATR2018", Head + "    lint  [shape=parallelogram, tool_command=\"\"]\n    start -> lint -> exit\n}", 4, 33, 4, 48, "tool_command=\"\""),
            Lint("ATR2019 at the property inside a multi-line stylesheet", "ATR2019", "digraph P {\n    graph [model_stylesheet=\"\n        * { llm_model: gpt-5.2; }\n        .code { temperature: 0.2; }\n    \"]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\", class=\"code\"]\n    start -> work -> exit\n}", 4, 17, 4, 28, "temperature"),
            Lint("ATR2020 at the alias", "ATR2020", "digraph P {\n    graph [model_stylesheet=\"* { model: gpt-5.2; }\"]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 2, 34, 2, 39, "model"),
            Lint("ATR2021 node attribute", "ATR2021", Head + "    work  [prompt=\"Do it\", max_retries=three]\n    start -> work -> exit\n}", 4, 28, 4, 45, "max_retries=three"),
            Lint("ATR2021 edge attribute", "ATR2021", Head + "    work  [prompt=\"Do it\"]\n    start -> work\n    work -> exit [weight=high]\n}", 6, 19, 6, 30, "weight=high"),
            Lint("ATR2021 on a tab-indented line, a tab counting one column", "ATR2021", "digraph P {\n\tstart [shape=Mdiamond]\n\texit  [shape=Msquare]\n\ta [prompt=\"A\", timeout=soon]\n\tstart -> a -> exit\n}", 4, 17, 4, 29, "timeout=soon"),
            Lint("ATR2022 at the attribute", "ATR2022", Head + "    work  [prompt=\"Do it\", reasoning_effort=extreme]\n    start -> work -> exit\n}", 4, 28, 4, 52, "reasoning_effort=extreme"),
            Lint("ATR2022 at the value inside the stylesheet", "ATR2022", "digraph P {\n    graph [model_stylesheet=\"* { reasoning_effort: max; }\"]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 2, 52, 2, 55, "max"),
            Lint("ATR2023 at the attribute", "ATR2023", Head + "    work  [prompt=\"Do it\", llm_backend=claude]\n    start -> work -> exit\n}", 4, 28, 4, 46, "llm_backend=claude"),
            Lint("ATR2023 at the value inside the stylesheet", "ATR2023", "digraph P {\n    graph [model_stylesheet=\"* { llm_backend: cursor; }\"]\n    start [shape=Mdiamond]\n    exit  [shape=Msquare]\n    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 2, 47, 2, 53, "cursor"),
            new("ATR2999 from a custom rule, at the graph ID", "ATR2999", Via.ThrowingRule, Head + "    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 1, 9, 1, 10, "P"),
            new("ATR2999 from a custom transform, at the graph ID", "ATR2999", Via.ThrowingTransform, Head + "    work  [prompt=\"Do it\"]\n    start -> work -> exit\n}", 1, 9, 1, 10, "P"),
        };

        return cases.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static Case Syntax(string name, string id, string source, int startLine, int startColumn, int endLine, int endColumn, string token) =>
        new(name, id, Via.Parser, source, startLine, startColumn, endLine, endColumn, token);

    private static Case Lint(string name, string id, string source, int startLine, int startColumn, int endLine, int endColumn, string token) =>
        new(name, id, Via.Loader, source, startLine, startColumn, endLine, endColumn, token);

    private sealed record Case(string Name, string Id, Via Via, string Source, int StartLine, int StartColumn, int EndLine, int EndColumn, string Token);
}
