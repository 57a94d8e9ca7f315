// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Conditions;

/// <summary>How a condition clause compares its key (attractor-spec §10.2, §10.5).</summary>
public enum ConditionOperator
{
    /// <summary><c>key=literal</c>: the resolved key equals the literal.</summary>
    Equals,

    /// <summary><c>key!=literal</c>: the resolved key differs from the literal.</summary>
    NotEquals,

    /// <summary>A bare <c>key</c>: the resolved key is truthy (§10.5).</summary>
    Truthy,
}
