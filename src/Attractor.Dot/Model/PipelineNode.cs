// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>A stage of a pipeline: an ID, its attributes, and where it was declared.</summary>
public sealed class PipelineNode
{
    private static readonly string[] NoClasses = Array.Empty<string>();
    private IReadOnlyList<string>? _classes;

    /// <summary>Initializes a new instance of the <see cref="PipelineNode"/> class.</summary>
    /// <param name="id">The node ID.</param>
    /// <param name="attributes">The node's attributes, including inherited defaults.</param>
    /// <param name="span">Where the node was first declared.</param>
    /// <param name="subgraphClasses">Classes derived from the labels of enclosing subgraphs (§2.10).</param>
    public PipelineNode(string id, AttributeMap? attributes = null, SourceSpan span = default, IReadOnlyList<string>? subgraphClasses = null)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Attributes = attributes ?? AttributeMap.Empty;
        Span = span;
        SubgraphClasses = subgraphClasses ?? NoClasses;
    }

    /// <summary>Gets the node ID.</summary>
    public string Id { get; }

    /// <summary>Gets every attribute, including custom ones.</summary>
    public AttributeMap Attributes { get; }

    /// <summary>Gets where the node was first declared (its ID token).</summary>
    public SourceSpan Span { get; }

    /// <summary>Gets the classes derived from enclosing subgraph labels.</summary>
    public IReadOnlyList<string> SubgraphClasses { get; }

    /// <summary>Gets the display name; defaults to the ID.</summary>
    public string Label => Attributes.GetString(AttributeNames.Label) ?? Id;

    /// <summary>Gets the Graphviz shape; defaults to <c>box</c>.</summary>
    public string Shape => Attributes.GetString(AttributeNames.Shape) ?? "box";

    /// <summary>Gets the explicit handler type, or the empty string.</summary>
    public string Type => Attributes.GetString(AttributeNames.Type) ?? string.Empty;

    /// <summary>Gets the handler type: <see cref="Type"/> when set, else the shape's mapping, else codergen.</summary>
    public string HandlerType => Type.Length > 0 ? Type : HandlerTypes.ForShape(Shape) ?? HandlerTypes.Codergen;

    /// <summary>Gets the prompt, or the empty string.</summary>
    public string Prompt => Attributes.GetString(AttributeNames.Prompt) ?? string.Empty;

    /// <summary>Gets <c>max_retries</c>, or null when omitted (the graph default then applies).</summary>
    public int? MaxRetries => GetInteger(AttributeNames.MaxRetries);

    /// <summary>Gets whether the node must succeed before the pipeline may exit.</summary>
    public bool GoalGate => GetBoolean(AttributeNames.GoalGate);

    /// <summary>Gets the retry target, or the empty string.</summary>
    public string RetryTarget => Attributes.GetString(AttributeNames.RetryTarget) ?? string.Empty;

    /// <summary>Gets the fallback retry target, or the empty string.</summary>
    public string FallbackRetryTarget => Attributes.GetString(AttributeNames.FallbackRetryTarget) ?? string.Empty;

    /// <summary>Gets the fidelity mode, or null when inherited.</summary>
    public string? Fidelity => Attributes.GetString(AttributeNames.Fidelity);

    /// <summary>Gets the explicit thread ID, or null when derived.</summary>
    public string? ThreadId => Attributes.GetString(AttributeNames.ThreadId);

    /// <summary>Gets the raw <c>class</c> attribute, or the empty string.</summary>
    public string Class => Attributes.GetString(AttributeNames.Class) ?? string.Empty;

    /// <summary>Gets the node's classes: the comma-separated <c>class</c> attribute followed by subgraph classes.</summary>
    public IReadOnlyList<string> Classes => _classes ??= ComputeClasses();

    /// <summary>Gets the timeout, or null when unset or invalid.</summary>
    public TimeSpan? Timeout => AttributeValues.TryParseDuration(Attributes.GetString(AttributeNames.Timeout), out var value) ? value : null;

    /// <summary>Gets the LLM model, or null when inherited.</summary>
    public string? LlmModel => Attributes.GetString(AttributeNames.LlmModel);

    /// <summary>Gets the LLM provider, or null when auto-detected.</summary>
    public string? LlmProvider => Attributes.GetString(AttributeNames.LlmProvider);

    /// <summary>
    /// Gets the backend that runs the node's LLM work (<see cref="BackendNames"/>), or null when the
    /// graph's <c>llm_backend</c> or the run's options decide.
    /// </summary>
    public string? LlmBackend => Attributes.GetString(AttributeNames.LlmBackend);

    /// <summary>Gets the reasoning effort; defaults to <c>high</c>.</summary>
    public string ReasoningEffort => Attributes.GetString(AttributeNames.ReasoningEffort) ?? "high";

    /// <summary>Gets whether the engine synthesizes SUCCESS when the handler writes no status.</summary>
    public bool AutoStatus => GetBoolean(AttributeNames.AutoStatus);

    /// <summary>Gets whether PARTIAL_SUCCESS is accepted when retries are exhausted.</summary>
    public bool AllowPartial => GetBoolean(AttributeNames.AllowPartial);

    /// <summary>Gets the shell command of a tool node, or null.</summary>
    public string? ToolCommand => Attributes.GetString(AttributeNames.ToolCommand);

    /// <summary>Gets the node's own pre tool-call hook (§9.7), or null to use the graph's.</summary>
    public string? ToolHooksPre => Attributes.GetString(AttributeNames.ToolHooksPre);

    /// <summary>Gets the node's own post tool-call hook (§9.7), or null to use the graph's.</summary>
    public string? ToolHooksPost => Attributes.GetString(AttributeNames.ToolHooksPost);

    /// <summary>Gets the child pipeline of a manager loop node, or null to use the graph's.</summary>
    public string? StackChildDotfile => Attributes.GetString(AttributeNames.StackChildDotfile);

    /// <summary>Gets whether this node is marked as the start node by shape or type.</summary>
    public bool IsMarkedStart => Shape == "Mdiamond" || Type == HandlerTypes.Start;

    /// <summary>Gets whether this node is marked as an exit node by shape or type.</summary>
    public bool IsMarkedExit => Shape == "Msquare" || Type == HandlerTypes.Exit;

    /// <summary>Gets whether the ID is one the spec treats as a start node (<c>start</c>, <c>Start</c>).</summary>
    public bool HasStartId => Id == "start" || Id == "Start";

    /// <summary>Gets whether the ID is one the spec treats as an exit node (<c>exit</c>, <c>end</c>).</summary>
    public bool HasExitId => Id == "exit" || Id == "end";

    /// <summary>Returns a copy with other attributes.</summary>
    public PipelineNode WithAttributes(AttributeMap attributes) => new(Id, attributes, Span, SubgraphClasses);

    /// <summary>Gets an integer attribute, or null when absent or not an integer.</summary>
    public int? GetInteger(string key) => AttributeValues.TryParseInteger(Attributes.GetString(key), out var value) ? value : null;

    /// <summary>Gets a boolean attribute; false when absent or not a boolean.</summary>
    public bool GetBoolean(string key) => AttributeValues.TryParseBoolean(Attributes.GetString(key), out var value) && value;

    /// <inheritdoc />
    public override string ToString() => Id;

    private string[] ComputeClasses()
    {
        var result = new List<string>();
        foreach (var part in Class.Split(','))
        {
            var name = part.Trim();
            if (name.Length > 0 && !result.Contains(name))
            {
                result.Add(name);
            }
        }

        foreach (var name in SubgraphClasses)
        {
            if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result.Count == 0 ? NoClasses : result.ToArray();
    }
}
