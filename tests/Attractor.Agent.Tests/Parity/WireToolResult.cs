// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests.Parity;

/// <summary>A tool result as a request body carries it back to the provider.</summary>
/// <param name="Key">The call id (OpenAI, Anthropic) or function name (Gemini) the result answers.</param>
/// <param name="Output">The text the model sees (after truncation).</param>
/// <param name="IsError">Whether the wire marks it as failed, in the provider's own way.</param>
internal sealed record WireToolResult(string Key, string Output, bool IsError);
