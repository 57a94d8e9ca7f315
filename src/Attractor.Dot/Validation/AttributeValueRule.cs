// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>attribute_value</c> (ATR2021, ours): the typed attributes of Appendix A parse as their type.
/// The model reads an unparsable value as absent, so without this rule <c>max_retries=three</c>
/// would silently mean "inherit the default".
/// </summary>
public sealed class AttributeValueRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.AttributeValue.Rule;

    private enum ValueType
    {
        NonNegativeInteger,
        Integer,
        Boolean,
        Duration,
    }

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private static bool IsValid(string value, ValueType type) => IsPlainValid(value, type) || type switch
    {
        ValueType.NonNegativeInteger => AttributeValues.TryParseInteger(value, out var count) && count >= 0,
        ValueType.Integer => AttributeValues.TryParseInteger(value, out _),
        ValueType.Boolean => AttributeValues.TryParseBoolean(value, out _),
        _ => AttributeValues.TryParseDuration(value, out _),
    };

    /// <summary>
    /// Recognises the values people write (<c>3</c>, <c>-1</c>, <c>true</c>, <c>15m</c>) without the
    /// trimming and substrings of <see cref="AttributeValues"/>, which this rule would otherwise run
    /// for every typed attribute of every node. Only returns true for values the full parsers accept;
    /// anything else (white space, signs, long numbers, other case) goes to them.
    /// </summary>
    private static bool IsPlainValid(string value, ValueType type)
    {
        switch (type)
        {
            case ValueType.Boolean:
                return value is "true" or "false";
            case ValueType.Integer when value.Length > 1 && value[0] == '-':
                return CountDigits(value, 1) == value.Length - 1 && value.Length - 1 <= 9;
            case ValueType.Integer:
            case ValueType.NonNegativeInteger:
                return value.Length is > 0 and <= 9 && CountDigits(value, 0) == value.Length;
            default:
                // At most 6 digits: even 999999d is far below TimeSpan.MaxValue.
                var digits = CountDigits(value, 0);
                if (digits == 0 || digits > 6)
                {
                    return false;
                }

                var unitLength = value.Length - digits;
                return unitLength == 0
                    || (unitLength == 1 && value[digits] is 's' or 'm' or 'h' or 'd')
                    || (unitLength == 2 && value[digits] == 'm' && value[digits + 1] == 's');
        }
    }

    private static int CountDigits(string value, int start)
    {
        var i = start;
        while (i < value.Length && value[i] >= '0' && value[i] <= '9')
        {
            i++;
        }

        return i - start;
    }

    private static string Expected(ValueType type) => type switch
    {
        ValueType.NonNegativeInteger => "a non-negative integer",
        ValueType.Integer => "an integer",
        ValueType.Boolean => "true or false",
        _ => "a duration: an integer with ms, s, m, h or d (e.g. 900s, 15m)",
    };

    private static string Example(string key, ValueType type) => type switch
    {
        ValueType.NonNegativeInteger => key + "=2",
        ValueType.Integer => key + "=1",
        ValueType.Boolean => key + "=true",
        _ => key + "=\"15m\"",
    };

    private sealed class Check : ElementCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: true)
        {
            var attributes = graph.Attributes.Items;
            for (var i = 0; i < attributes.Length; i++)
            {
                ref readonly var attribute = ref attributes[i];
                if (attribute.Key is AttributeNames.DefaultMaxRetries or AttributeNames.DefaultMaxRetryLegacy)
                {
                    Verify(attribute, ValueType.NonNegativeInteger, "the default of 0 retries applies", graph.IdSpan, null, null);
                }
            }
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            CheckNodeAttributes(node, node.OwnAttributes);
            CheckNodeAttributes(node, new EntryRun(node.TailAttributes));
        }

        private void CheckNodeAttributes(PipelineNode node, EntryRun attributes)
        {
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i];
                switch (attribute.Key)
                {
                    case AttributeNames.MaxRetries:
                        Verify(attribute, ValueType.NonNegativeInteger, "the graph's default_max_retries applies instead", node.Span, node.Id, null);
                        break;
                    case AttributeNames.GoalGate:
                    case AttributeNames.AutoStatus:
                    case AttributeNames.AllowPartial:
                        Verify(attribute, ValueType.Boolean, "it is treated as false", node.Span, node.Id, null);
                        break;
                    case AttributeNames.Timeout:
                        Verify(attribute, ValueType.Duration, "the node runs without a timeout", node.Span, node.Id, null);
                        break;
                }
            }
        }

        public override void CheckEdge(int position, PipelineEdge edge)
        {
            var attributes = edge.AttributeItems;
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i];
                switch (attribute.Key)
                {
                    case AttributeNames.Weight:
                        Verify(attribute, ValueType.Integer, "it is treated as 0", edge.Span, null, edge.Reference);
                        break;
                    case AttributeNames.LoopRestart:
                        Verify(attribute, ValueType.Boolean, "it is treated as false", edge.Span, null, edge.Reference);
                        break;
                }
            }
        }

        private void Verify(in AttributeEntry entry, ValueType type, string consequence, SourceSpan owner, string? nodeId, EdgeReference? edge)
        {
            if (IsValid(entry.Value, type) || !_inherited.ShouldReport(entry))
            {
                return;
            }

            var attribute = new DotAttribute(entry);
            // Built only on failure: this runs for every typed attribute of every node and edge.
            var subject = nodeId is not null ? "Node " + LintSupport.Quote(nodeId) + " has"
                : edge is not null ? "Edge " + LintSupport.Quote(edge.Value.ToString()) + " has"
                : "Graph attribute";
            Report(DiagnosticDescriptors.AttributeValue.Create(
                subject + " " + attribute.Key + "=" + LintSupport.Quote(attribute.Value) + LintSupport.InheritedNote(attribute, edge is null ? "node" : "edge")
                    + ", but " + attribute.Key + " must be " + Expected(type) + "; " + consequence + ".",
                Graph.FilePath,
                LintSupport.SpanOf(attribute, owner),
                fix: "write e.g. " + Example(attribute.Key, type),
                nodeId: nodeId,
                edge: edge));
        }
    }
}
