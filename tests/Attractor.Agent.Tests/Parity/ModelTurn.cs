// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests.Parity;

/// <summary>One scripted model response: optional reasoning and text, then tool calls (none ends the input).</summary>
/// <param name="Text">What the model says, or null.</param>
/// <param name="Calls">The tool calls, in order.</param>
internal sealed record ModelTurn(string? Text, IReadOnlyList<ModelCall> Calls)
{
    /// <summary>Gets the model's reasoning, sent in the provider's own form with a signature the session must replay.</summary>
    public string? Reasoning { get; init; }

    public static ModelTurn Say(string text) => new(text, []);

    public static ModelTurn Call(string id, string name, object arguments) => new(null, [ModelCall.Of(id, name, arguments)]);

    public static ModelTurn Calling(params ModelCall[] calls) => new(null, calls);

    public static ModelTurn SayAndCall(string text, params ModelCall[] calls) => new(text, calls);
}
