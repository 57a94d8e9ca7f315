// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>A request translated to the Messages API: the body, the <c>anthropic-beta</c> value and what was dropped.</summary>
/// <param name="Body">The JSON body.</param>
/// <param name="BetaHeader">The comma-joined beta flags, or null for none.</param>
/// <param name="Warnings">Parameters that were ignored or adjusted.</param>
internal sealed record AnthropicWireRequest(JsonObject Body, string? BetaHeader, IReadOnlyList<Warning> Warnings);
