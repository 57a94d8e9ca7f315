// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>A piece of a running command's output, reported as it arrives (spec §2.9 TOOL_CALL_OUTPUT_DELTA).</summary>
/// <param name="Text">The text, as decoded so far; a chunk may end in the middle of a line.</param>
/// <param name="IsStandardError">Whether the text came from standard error rather than standard output.</param>
public sealed record CommandOutputChunk(string Text, bool IsStandardError);
