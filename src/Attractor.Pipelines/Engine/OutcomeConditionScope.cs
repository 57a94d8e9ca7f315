// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Conditions;

namespace Attractor.Pipelines;

/// <summary>The values an edge condition reads (§10.4): the outcome that was just produced and the run context.</summary>
internal readonly struct OutcomeConditionScope : IConditionScope
{
    private readonly Outcome _outcome;
    private readonly PipelineContext _context;

    public OutcomeConditionScope(Outcome outcome, PipelineContext context)
    {
        _outcome = outcome;
        _context = context;
    }

    public string OutcomeStatus => _outcome.Status.ToWireName();

    public string PreferredLabel => _outcome.PreferredLabel;

    public bool TryGetContextValue(string key, out string? value)
    {
        if (_context.TryGetValue(key, out var raw) && raw is not null)
        {
            value = PipelineContext.ToText(raw);
            return true;
        }

        value = null;
        return false;
    }
}
