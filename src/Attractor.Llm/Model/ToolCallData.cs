// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>A tool invocation inside an assistant message.</summary>
/// <param name="Id">The call id (provider-assigned; synthetic for Gemini, which assigns none).</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">
/// The arguments exactly as the model produced them: a JSON object for function tools, free text for custom
/// tools. Kept as text so a call round-trips byte for byte.
/// </param>
/// <param name="Type"><c>function</c> (the default) or <c>custom</c>.</param>
public sealed record ToolCallData(string Id, string Name, string Arguments, string Type = "function");
