// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>A non-fatal issue with a request or response (e.g. an ignored parameter).</summary>
/// <param name="Message">What happened.</param>
/// <param name="Code">A machine-readable code.</param>
public sealed record Warning(string Message, string? Code = null);
