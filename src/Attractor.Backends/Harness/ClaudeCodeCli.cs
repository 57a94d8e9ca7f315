// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>Claude Code: <c>claude -p --output-format stream-json --verbose --include-partial-messages ... -- prompt</c>.</summary>
internal sealed class ClaudeCodeCli : CodingCli
{
    public override string Name => HarnessBackend.ClaudeCodeName;

    public override string DisplayName => "Claude Code";

    public override string ExecutableName => "claude";

    public override string Package => "@anthropic-ai/claude-code@2.1.328";

    public override string DefaultProvider => "anthropic";

    public override BackendCapabilities Capabilities { get; } = new(TextDeltas: true, Thinking: true, ToolEvents: true, Cost: true, Resume: true);

    public override HarnessStreamParser CreateParser(HarnessTurn turn) => new ClaudeCodeStreamParser(turn);

    public override IReadOnlyList<string> BuildArguments(HarnessInvocation invocation)
    {
        List<string> arguments = ["-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages"];
        if (invocation.Model is { } model)
        {
            arguments.AddRange(["--model", model]);
        }

        // Headless mode denies whatever would need a prompt: "default" leaves reading, "acceptEdits" adds edits.
        // bypassPermissions is refused when running as root; the CLI then reports it (a config failure).
        arguments.AddRange(["--permission-mode", invocation.Permission switch
        {
            HarnessPermission.ReadOnly => "default",
            HarnessPermission.Full => "bypassPermissions",
            _ => "acceptEdits",
        }]);
        if (invocation.ResumeSessionId is { } session)
        {
            arguments.AddRange(["--resume", session]);
        }

        arguments.AddRange(invocation.ExtraArguments);
        if (invocation.AllowedTools.Count > 0)
        {
            // Variadic: ends at the "--" before the prompt.
            arguments.Add("--allowedTools");
            arguments.AddRange(invocation.AllowedTools);
        }

        arguments.AddRange(["--", invocation.Prompt]);
        return arguments;
    }
}
