// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>One entry of a session's conversation history (spec §2.4).</summary>
/// <param name="Timestamp">When the turn was recorded.</param>
public abstract record Turn(DateTimeOffset Timestamp);
