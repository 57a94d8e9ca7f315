// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Conditions;

/// <summary>The result of parsing a condition: the expression when it is valid, else every error.</summary>
public sealed class ConditionParseResult
{
    private static readonly ConditionError[] NoErrors = Array.Empty<ConditionError>();

    internal ConditionParseResult(ConditionExpression? expression, IReadOnlyList<ConditionError>? errors)
    {
        Expression = expression;
        Errors = errors ?? NoErrors;
    }

    /// <summary>Gets the expression, or null when the condition has errors.</summary>
    public ConditionExpression? Expression { get; }

    /// <summary>Gets the errors in text order; empty on success.</summary>
    public IReadOnlyList<ConditionError> Errors { get; }

    /// <summary>Gets a value indicating whether the condition parsed without errors.</summary>
    public bool Success => Expression is not null;
}
