// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Conditions;

/// <summary>What a condition key reads (attractor-spec §10.4).</summary>
public enum ConditionKeyKind
{
    /// <summary><c>outcome</c>: the executing node's outcome status.</summary>
    Outcome,

    /// <summary><c>preferred_label</c>: the outcome's preferred label.</summary>
    PreferredLabel,

    /// <summary><c>context.path</c>: the context, with and then without the <c>context.</c> prefix.</summary>
    Context,

    /// <summary>Any other key: read from the context as written.</summary>
    Unqualified,
}
