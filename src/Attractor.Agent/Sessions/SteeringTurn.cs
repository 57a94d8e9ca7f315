// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>A steering message injected between model calls; sent to the model as a user message.</summary>
/// <param name="Content">The message text.</param>
/// <param name="Timestamp">When the turn was recorded.</param>
public sealed record SteeringTurn(string Content, DateTimeOffset Timestamp) : Turn(Timestamp);
