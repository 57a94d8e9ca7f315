// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Conditions;

/// <summary>How a condition literal was written (attractor-spec §10.2). All kinds compare as text.</summary>
public enum ConditionLiteralKind
{
    /// <summary>No literal: the clause is a bare truthy test.</summary>
    None,

    /// <summary>A double-quoted string; <see cref="ConditionClause.Literal"/> holds it unescaped.</summary>
    String,

    /// <summary>An integer such as <c>0</c> or <c>-1</c>.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A bare word such as <c>success</c> or <c>gpt-5.2</c>.</summary>
    Bare,
}
