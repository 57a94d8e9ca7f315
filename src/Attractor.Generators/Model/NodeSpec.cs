// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>A node of the validated graph, with the name of its constant in the generated <c>Nodes</c> class.</summary>
/// <param name="Id">The node ID.</param>
/// <param name="ConstantName">The C# name of its constant.</param>
/// <param name="Label">Its label (the ID when it has none), for the constant's documentation.</param>
/// <param name="HandlerType">The handler type it runs with.</param>
/// <param name="Prompt">Its prompt after <c>$goal</c> expansion, or empty.</param>
/// <param name="Attributes">Its attributes after transforms.</param>
/// <param name="Span">Where it was declared.</param>
/// <param name="SubgraphClasses">Classes from enclosing subgraph labels.</param>
internal sealed record NodeSpec(
    string Id,
    string ConstantName,
    string Label,
    string HandlerType,
    string Prompt,
    EquatableArray<AttributeSpec> Attributes,
    SourceSpan Span,
    EquatableArray<string> SubgraphClasses);
