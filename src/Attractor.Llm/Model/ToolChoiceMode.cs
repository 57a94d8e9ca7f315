// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Whether and how the model may call tools.</summary>
public enum ToolChoiceMode
{
    /// <summary>The model decides.</summary>
    Auto,

    /// <summary>The model must not call tools.</summary>
    None,

    /// <summary>The model must call at least one tool.</summary>
    Required,

    /// <summary>The model must call the tool named in <see cref="ToolChoice.ToolName"/>.</summary>
    Named,
}
