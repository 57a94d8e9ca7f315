// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Backends;

/// <summary>A backend's answer: response text (the handler builds the outcome) or a full outcome.</summary>
public sealed record CodergenResult
{
    private CodergenResult(string? text, Outcome? outcome)
    {
        Text = text;
        Outcome = outcome;
    }

    /// <summary>Gets the response text, when the backend returned text.</summary>
    public string? Text { get; }

    /// <summary>Gets the outcome, when the backend decided it.</summary>
    public Outcome? Outcome { get; }

    /// <summary>Creates a text result.</summary>
    public static CodergenResult FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates an outcome result.</summary>
    public static CodergenResult FromOutcome(Outcome outcome) => new(null, outcome ?? throw new ArgumentNullException(nameof(outcome)));
}
