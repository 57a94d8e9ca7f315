// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Agent.Tests.Parity;

/// <summary>A tool call the scripted model makes: the wire adapters turn it into each provider's own shape.</summary>
/// <param name="Id">The call id (OpenAI and Anthropic send it; Gemini sends none and the client makes one up).</param>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
internal sealed record ModelCall(string Id, string Name, string ArgumentsJson)
{
    public static ModelCall Of(string id, string name, object arguments) => new(id, name, JsonSerializer.Serialize(arguments));
}
