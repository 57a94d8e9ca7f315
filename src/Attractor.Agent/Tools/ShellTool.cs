// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent;

/// <summary>shell (spec §3.3): runs a command through the environment and reports output, exit code and duration.</summary>
internal static class ShellTool
{
    public const string Name = "shell";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "command": { "type": "string", "description": "The command to run." },
            "timeout_ms": { "type": "integer", "minimum": 1, "description": "Override the default timeout, in milliseconds." },
            "description": { "type": "string", "description": "Human-readable description of what this does." }
          },
          "required": ["command"]
        }
        """;

    public static AgentTool Create(ShellToolOptions options) =>
        AgentTool.Create(Name, "Execute a shell command. Returns stdout, stderr, and exit code.", Schema, (arguments, environment, cancellationToken) => ExecuteAsync(options, arguments, environment, cancellationToken));

    /// <summary>The spec's timeout message (§5.4).</summary>
    public static string TimeoutMessage(long milliseconds) =>
        $"[ERROR: Command timed out after {milliseconds.ToString(CultureInfo.InvariantCulture)}ms. Partial output is shown above.\n"
        + "You can retry with a longer timeout by setting the timeout_ms parameter.]";

    private static async Task<ToolOutput> ExecuteAsync(ShellToolOptions options, System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var command = ToolArguments.GetString(arguments, "command");
        var requested = ToolArguments.GetOptionalInteger(arguments, "timeout_ms");
        var timeout = requested is { } ms ? TimeSpan.FromMilliseconds(Math.Min(ms, (long)options.MaxTimeout.TotalMilliseconds)) : options.DefaultTimeout;
        var result = await environment.ExecCommandAsync(command, timeout, null, null, ToolCallOutput.Current, cancellationToken).ConfigureAwait(false);

        var output = new StringBuilder(result.Stdout);
        if (result.Stderr.Length > 0)
        {
            EndLine(output).Append("[stderr]\n").Append(result.Stderr);
        }

        EndLine(output)
            .Append("[exit code: ").Append(result.ExitCode.ToString(CultureInfo.InvariantCulture))
            .Append(", duration: ").Append(((long)result.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append(" ms]");
        if (result.TimedOut)
        {
            output.Append('\n').Append(TimeoutMessage((long)timeout.TotalMilliseconds));
        }

        return new ToolOutput(output.ToString(), IsError: result.TimedOut || result.ExitCode != 0);
    }

    private static StringBuilder EndLine(StringBuilder builder) =>
        builder.Length > 0 && builder[^1] != '\n' ? builder.Append('\n') : builder;
}
