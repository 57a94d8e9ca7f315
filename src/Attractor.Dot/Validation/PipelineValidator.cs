// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// Runs the lint rules over a pipeline (attractor-spec §7.3): the built-in rules in the order of the
/// §7.2 table, then our extra rules, then custom rules in registration order (§7.4). Diagnostics come
/// back grouped by rule in that order; within a rule, in declaration order of the graph.
/// </summary>
/// <remarks>Instances are immutable and thread-safe, provided the custom rules are.</remarks>
public sealed class PipelineValidator
{
    // Nodes (or edges) all element checks see before the next ones: a few hundred kilobytes of
    // graph, which stay in the processor's cache while every rule looks at them.
    private const int BlockSize = 256;

    private readonly ILintRule[] _rules;

    /// <summary>Initializes a new instance of the <see cref="PipelineValidator"/> class.</summary>
    /// <param name="extraRules">Custom rules, run after the built-in ones in this order.</param>
    /// <param name="knownHandlerTypes">
    /// Handler types the host registered (§4.12), accepted by <c>type_known</c> on top of <see cref="HandlerTypes.BuiltIn"/>.
    /// </param>
    /// <param name="knownBackends">
    /// Backends the host registered, accepted by <c>llm_backend_known</c> on top of <see cref="BackendNames.BuiltIn"/>.
    /// </param>
    public PipelineValidator(IEnumerable<ILintRule>? extraRules = null, IEnumerable<string>? knownHandlerTypes = null, IEnumerable<string>? knownBackends = null)
    {
        var rules = new List<ILintRule>(CreateBuiltInRules(knownHandlerTypes, knownBackends));
        if (extraRules is not null)
        {
            foreach (var rule in extraRules)
            {
                rules.Add(rule ?? throw new ArgumentException("A custom lint rule is null.", nameof(extraRules)));
            }
        }

        _rules = rules.ToArray();
    }

    /// <summary>Gets a validator with the built-in rules only, which knows only the built-in handler types.</summary>
    public static PipelineValidator Default { get; } = new();

    /// <summary>Gets the rules in the order they run.</summary>
    public IReadOnlyList<ILintRule> Rules => _rules;

    /// <summary>Creates the built-in rules in the order they run: the §7.2 table, then ours.</summary>
    /// <param name="knownHandlerTypes">Handler types registered on top of the built-in ones.</param>
    /// <param name="knownBackends">Backends registered on top of the built-in ones.</param>
    public static IReadOnlyList<ILintRule> CreateBuiltInRules(IEnumerable<string>? knownHandlerTypes = null, IEnumerable<string>? knownBackends = null) => new ILintRule[]
    {
        // attractor-spec §7.2, in table order.
        new StartNodeRule(),
        new TerminalNodeRule(),
        new ReachabilityRule(),
        new EdgeTargetExistsRule(),
        new StartNoIncomingRule(),
        new ExitNoOutgoingRule(),
        new ConditionSyntaxRule(),
        new StylesheetSyntaxRule(),
        new TypeKnownRule(knownHandlerTypes),
        new FidelityValidRule(),
        new RetryTargetExistsRule(),
        new GoalGateHasRetryRule(),
        new PromptOnLlmNodesRule(),

        // Ours, in ID order.
        new ExitReachableRule(),
        new ShapeKnownRule(),
        new ConditionNeverMatchesRule(),
        new ManagerChildPipelineRule(),
        new ToolCommandPresentRule(),
        new AttributeValueRule(),
        new ReasoningEffortRule(),
        new LlmBackendRule(knownBackends),
    };

    /// <summary>Runs every rule and returns all diagnostics, errors and warnings alike.</summary>
    /// <param name="graph">The pipeline, after transforms.</param>
    /// <remarks>
    /// A rule that throws does not stop validation: its exception is reported as
    /// <see cref="DiagnosticDescriptors.InternalError"/> (ATR2999), an error, after whatever the rule had already produced.
    /// </remarks>
    public IReadOnlyList<DotDiagnostic> Validate(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        // The rules share one topology of the graph, built for this call and dropped after it: it is
        // not kept alive with the graph, and its arrays are reused by the next validation.
        var topology = PipelineTopology.BeginValidation(graph);
        var results = new IReadOnlyList<DotDiagnostic>?[_rules.Length];
        try
        {
            var checks = new ElementCheck?[_rules.Length];
            for (var r = 0; r < _rules.Length; r++)
            {
                var rule = _rules[r];
                var found = new List<DotDiagnostic>();
                results[r] = found;
                try
                {
                    if (rule is IElementLintRule element)
                    {
                        checks[r] = element.Begin(graph);
                    }
                    else
                    {
                        Collect(rule.Apply(graph), found);
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // What a rule reported before it threw is kept, followed by the internal error.
                    found.Add(InternalError(graph, rule, exception));
                }
            }

            RunTogether(graph, checks, results);
        }
        finally
        {
            PipelineTopology.EndValidation(topology);
        }

        var diagnostics = new List<DotDiagnostic>();
        foreach (var result in results)
        {
            if (result is not null)
            {
                diagnostics.AddRange(result);
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// Runs every rule and returns all diagnostics when none is an error (§7.3 <c>validate_or_raise</c>);
    /// otherwise throws.
    /// </summary>
    /// <param name="graph">The pipeline, after transforms.</param>
    /// <exception cref="PipelineValidationException">At least one diagnostic has error severity.</exception>
    public IReadOnlyList<DotDiagnostic> ValidateOrThrow(PipelineGraph graph)
    {
        var diagnostics = Validate(graph);
        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].IsError)
            {
                throw new PipelineValidationException(diagnostics);
            }
        }

        return diagnostics;
    }

    private static void Collect(IEnumerable<DotDiagnostic>? results, List<DotDiagnostic> found)
    {
        if (results is null)
        {
            return;
        }

        foreach (var diagnostic in results)
        {
            if (diagnostic is not null)
            {
                found.Add(diagnostic);
            }
        }
    }

    // The element checks visit the graph block by block, all of them on one block before the next,
    // so each block is read from memory once (see IElementLintRule).
    private void RunTogether(PipelineGraph graph, ElementCheck?[] checks, IReadOnlyList<DotDiagnostic>?[] results)
    {
        RunBlocks(graph, checks, results, edges: false);
        RunBlocks(graph, checks, results, edges: true);
        for (var r = 0; r < checks.Length; r++)
        {
            var check = checks[r];
            if (check is null)
            {
                continue;
            }

            try
            {
                check.Finish();
                results[r] = check.Diagnostics;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                results[r] = new[] { InternalError(graph, _rules[r], exception) };
            }
        }
    }

    private void RunBlocks(PipelineGraph graph, ElementCheck?[] checks, IReadOnlyList<DotDiagnostic>?[] results, bool edges)
    {
        var nodes = graph.Nodes;
        var edgeList = graph.Edges;
        var count = edges ? edgeList.Count : nodes.Count;
        for (var start = 0; start < count; start += BlockSize)
        {
            var end = Math.Min(start + BlockSize, count);
            for (var r = 0; r < checks.Length; r++)
            {
                var check = checks[r];
                if (check is null || !(edges ? check.ChecksEdges : check.ChecksNodes))
                {
                    continue;
                }

                try
                {
                    for (var i = start; i < end; i++)
                    {
                        if (edges)
                        {
                            check.CheckEdge(i, edgeList[i]);
                        }
                        else
                        {
                            check.CheckNode(i, nodes[i]);
                        }
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    checks[r] = null;
                    results[r] = new[] { InternalError(graph, _rules[r], exception) };
                }
            }
        }
    }

    private static DotDiagnostic InternalError(PipelineGraph graph, ILintRule rule, Exception exception)
    {
        string name;
        try
        {
            name = rule.Name;
        }
        catch (Exception)
        {
            name = rule.GetType().FullName ?? rule.GetType().Name;
        }

        return DiagnosticDescriptors.InternalError.Create(
            "Lint rule " + LintSupport.Quote(name) + " (" + rule.GetType().FullName + ") threw " + exception.GetType().Name + ": " + exception.Message
                + " The other rules still ran, but this one's findings are incomplete.",
            graph.FilePath,
            graph.IdSpan,
            fix: "this is a bug in the rule, not in the pipeline: report it to the rule's author, or remove the rule");
    }
}
