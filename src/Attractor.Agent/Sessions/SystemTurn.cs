// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>A system message added to the history by the host.</summary>
/// <param name="Content">The message text.</param>
/// <param name="Timestamp">When the turn was recorded.</param>
public sealed record SystemTurn(string Content, DateTimeOffset Timestamp) : Turn(Timestamp);
