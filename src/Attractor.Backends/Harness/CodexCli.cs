// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>Codex: <c>codex exec [resume] --json --skip-git-repo-check -c sandbox_mode=... -- [thread] prompt</c>, stdin closed.</summary>
internal sealed class CodexCli : CodingCli
{
    public override string Name => HarnessBackend.CodexName;

    public override string DisplayName => "Codex";

    public override string ExecutableName => "codex";

    public override string Package => "@openai/codex@0.169.0";

    public override string DefaultProvider => "openai";

    public override BackendCapabilities Capabilities { get; } = new(TextDeltas: false, Thinking: true, ToolEvents: true, Cost: false, Resume: true);

    public override HarnessStreamParser CreateParser(HarnessTurn turn) => new CodexStreamParser(turn);

    public override IReadOnlyList<string> BuildArguments(HarnessInvocation invocation)
    {
        List<string> arguments = ["exec"];
        if (invocation.ResumeSessionId is not null)
        {
            arguments.Add("resume");
        }

        // "exec resume" has no --sandbox option; the config override works for both.
        arguments.AddRange(["--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"" + invocation.Permission switch
        {
            HarnessPermission.ReadOnly => "read-only",
            HarnessPermission.Full => "danger-full-access",
            _ => "workspace-write",
        } + "\""]);
        if (invocation.Model is { } model)
        {
            arguments.AddRange(["-m", model]);
        }

        arguments.AddRange(invocation.ExtraArguments);
        arguments.Add("--");
        if (invocation.ResumeSessionId is { } thread)
        {
            arguments.Add(thread);
        }

        arguments.Add(invocation.Prompt);
        return arguments;
    }
}
