// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace Attractor.Backends.Harness;

/// <summary>Gemini CLI: <c>gemini --skip-trust --output-format stream-json --approval-mode ... --prompt=...</c>.</summary>
/// <remarks>
/// It re-launches itself as a child process and ignores signals to the parent, so it must run in its own process
/// group (it always does here). Its result event carries no HTTP status; the status is on stderr (<c>status: 401</c>).
/// </remarks>
internal sealed partial class GeminiCli : CodingCli
{
    public override string Name => HarnessBackend.GeminiCliName;

    public override string DisplayName => "Gemini CLI";

    public override string ExecutableName => "gemini";

    public override string Package => "@google/gemini-cli@0.61.0";

    public override string DefaultProvider => "gemini";

    public override BackendCapabilities Capabilities { get; } = new(TextDeltas: true, Thinking: false, ToolEvents: true, Cost: false, Resume: true);

    public override HarnessStreamParser CreateParser(HarnessTurn turn) => new GeminiCliStreamParser(turn);

    public override IReadOnlyList<string> BuildArguments(HarnessInvocation invocation)
    {
        // --skip-trust: headless mode refuses an untrusted folder (exit 55); the pipeline's workspace is trusted for this run only.
        List<string> arguments = ["--skip-trust", "--output-format", "stream-json", "--approval-mode", invocation.Permission switch
        {
            HarnessPermission.ReadOnly => "plan",
            HarnessPermission.Full => "yolo",
            _ => "auto_edit",
        }];
        if (invocation.Model is { } model)
        {
            arguments.AddRange(["-m", model]);
        }

        if (invocation.ResumeSessionId is { } session)
        {
            arguments.AddRange(["--resume", session]);
        }

        foreach (var tool in invocation.AllowedTools)
        {
            arguments.Add("--allowed-tools=" + tool);
        }

        arguments.AddRange(invocation.ExtraArguments);

        // The "=" form keeps a prompt that starts with "-" from being read as an option.
        arguments.Add("--prompt=" + invocation.Prompt);
        return arguments;
    }

    /// <summary>The documented exit codes: 41 auth, 42 input, 52 config, 53 turn limit, 54 tool, 55 untrusted folder, 130 SIGINT.</summary>
    protected override BackendError? ExitCodeError(int exitCode, string detail)
    {
        var message = DisplayName + " exited with code " + exitCode.ToString(CultureInfo.InvariantCulture);
        message = detail.Length > 0 ? message + ": " + detail : message;
        return exitCode switch
        {
            41 => BackendError.Auth(message),
            42 or 52 or 55 => BackendError.Config(message),
            53 or 54 => BackendError.Unknown(message),
            130 => BackendError.Canceled(message),
            _ => null,
        };
    }

    protected override int? StatusFromStderr(string stderrTail)
    {
        var matches = StatusLine().Matches(stderrTail);
        return matches.Count > 0 ? int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^\s*status: (\d{3}),?\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex StatusLine();
}
