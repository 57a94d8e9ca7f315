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

        var diagnostics = new List<DotDiagnostic>();

        // The rules share one topology of the graph, built for this call and dropped after it: it is
        // not kept alive with the graph, and its arrays are reused by the next validation.
        var topology = PipelineTopology.BeginValidation(graph);
        try
        {
            foreach (var rule in _rules)
            {
                try
                {
                    var results = rule.Apply(graph);
                    if (results is null)
                    {
                        continue;
                    }

                    foreach (var diagnostic in results)
                    {
                        if (diagnostic is not null)
                        {
                            diagnostics.Add(diagnostic);
                        }
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    diagnostics.Add(InternalError(graph, rule, exception));
                }
            }
        }
        finally
        {
            PipelineTopology.EndValidation(topology);
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
