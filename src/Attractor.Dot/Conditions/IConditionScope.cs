// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Conditions;

/// <summary>
/// The values a condition reads (attractor-spec §10.4): the outcome of the node that just ran and
/// the run context. The runtime adapts its own outcome and context types to this interface;
/// implement it on a struct and call <see cref="ConditionExpression.Evaluate{TScope}(TScope)"/>
/// to evaluate without allocating.
/// </summary>
public interface IConditionScope
{
    /// <summary>Gets the outcome status as the engine writes it, e.g. <c>success</c>.</summary>
    string OutcomeStatus { get; }

    /// <summary>Gets the outcome's preferred label, or the empty string.</summary>
    string PreferredLabel { get; }

    /// <summary>Looks up a context value by its full key.</summary>
    /// <param name="key">The key, e.g. <c>context.tests_passed</c> or <c>tests_passed</c>.</param>
    /// <param name="value">The value as a string; null counts as missing.</param>
    /// <returns>Whether the key is present.</returns>
    bool TryGetContextValue(string key, out string? value);
}
