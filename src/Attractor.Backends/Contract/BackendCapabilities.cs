// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>What a backend's event stream and execution offer.</summary>
/// <param name="TextDeltas">Text arrives in pieces (otherwise each message arrives whole).</param>
/// <param name="Thinking">Reasoning text is reported.</param>
/// <param name="ToolEvents">Tool calls and results are reported.</param>
/// <param name="Cost">The cost in dollars is reported.</param>
/// <param name="Resume">A thread under <c>full</c> fidelity resumes the backend's own session.</param>
public sealed record BackendCapabilities(bool TextDeltas, bool Thinking, bool ToolEvents, bool Cost, bool Resume);
