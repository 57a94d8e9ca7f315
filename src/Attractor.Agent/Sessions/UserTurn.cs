// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Input submitted by the user.</summary>
/// <param name="Content">The input text.</param>
/// <param name="Timestamp">When the turn was recorded.</param>
public sealed record UserTurn(string Content, DateTimeOffset Timestamp) : Turn(Timestamp);
