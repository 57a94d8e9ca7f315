// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Who produced a <see cref="Message"/>. Five roles cover every provider's semantics.</summary>
public enum Role
{
    /// <summary>High-level instructions shaping the model's behaviour.</summary>
    System,

    /// <summary>Human input: text, images, audio, documents.</summary>
    User,

    /// <summary>Model output: text, tool calls, thinking blocks.</summary>
    Assistant,

    /// <summary>Tool execution results, linked to their call by id.</summary>
    Tool,

    /// <summary>Privileged instructions from the application (not the end user).</summary>
    Developer,
}
