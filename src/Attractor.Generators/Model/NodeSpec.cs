// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>A node of the validated graph, with the name of its constant in the generated <c>Nodes</c> class.</summary>
/// <param name="Id">The node ID.</param>
/// <param name="ConstantName">The C# name of its constant.</param>
/// <param name="Documentation">The text of its XML doc: label, type and prompt.</param>
/// <param name="Attributes">Its attributes after transforms.</param>
/// <param name="Span">Where it was declared.</param>
/// <param name="SubgraphClasses">Classes from enclosing subgraph labels.</param>
internal sealed record NodeSpec(
    string Id,
    string ConstantName,
    EquatableArray<string> Documentation,
    EquatableArray<AttributeSpec> Attributes,
    SourceSpan Span,
    EquatableArray<string> SubgraphClasses);
