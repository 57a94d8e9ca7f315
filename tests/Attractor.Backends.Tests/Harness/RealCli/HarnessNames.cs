// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness.RealCli;

internal static class HarnessNames
{
    public const string ClaudeCode = HarnessBackend.ClaudeCodeName;
    public const string Codex = HarnessBackend.CodexName;
    public const string GeminiCli = HarnessBackend.GeminiCliName;
}
