// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Attractor.Build.Tasks;

/// <summary>
/// Runs the attractor CLI (<c>dotnet Attractor.Cli.dll ...</c>) in a child process and turns its output
/// into MSBuild events: its diagnostics become errors and warnings with file and line, progress becomes
/// messages. Pipelines never run inside MSBuild's process, so their dependencies cannot clash with
/// MSBuild's. Cancelling the build (Ctrl+C) first asks the CLI to stop (SIGTERM, which makes it stop its
/// tools and keep its checkpoint), then kills the whole process tree if it has not exited in time.
/// </summary>
public abstract class AttractorCliTask : ToolTask
{
    /// <summary>The code of an error reported because the CLI failed without printing a reason.</summary>
    protected const string ExitCodeErrorCode = "ATR5006";

    /// <summary>The code of the error reported when the CLI needs an LLM provider's API key that is not set.</summary>
    protected const string MissingKeyCode = "ATR5011";

    private const string UnknownTypeCode = "ATR2009";

    // The CLI's problem line for a missing key (attractor: missing API key: OPENAI_API_KEY is not set; ...).
    private const string MissingKeyPrefix = "missing API key: ";

    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);

    private bool _cancelled;
    private MessageImportance _progressImportance = MessageImportance.High;

    /// <summary>Gets or sets the path of <c>Attractor.Cli.dll</c>.</summary>
    [Required]
    public string CliPath { get; set; } = string.Empty;

    /// <summary>Gets or sets the directory the CLI runs in (the project directory); paths are shown relative to it.</summary>
    [Required]
    public string WorkingDirectory { get; set; } = string.Empty;

    /// <summary>Gets the file that errors without a location of their own are reported at: the project by default.</summary>
    protected virtual string ErrorFile => BuildEngine?.ProjectFileOfTaskNode ?? string.Empty;

    /// <inheritdoc />
    protected override string ToolName => OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <inheritdoc />
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(CliPath))
        {
            Log.LogError(null, "ATR5004", null, ErrorFile, 0, 0, 0, 0, "The attractor CLI was not found at '{0}'. Set AttractorCliPath to Attractor.Cli.dll.", CliPath);
            return false;
        }

        if (string.IsNullOrWhiteSpace(ProgressImportance))
        {
            _progressImportance = MessageImportance.High;
        }
        else if (!Enum.TryParse(ProgressImportance, ignoreCase: true, out _progressImportance) || !Enum.IsDefined(_progressImportance))
        {
            Log.LogError(null, "ATR5009", null, ErrorFile, 0, 0, 0, 0, "PipelineProgressImportance '{0}' is not one of high, normal or low.", ProgressImportance);
            return false;
        }

        return base.Execute() && !Log.HasLoggedErrors;
    }

    /// <inheritdoc />
    public override void Cancel()
    {
        _cancelled = true;

        // When the CLI stopped by itself, ToolTask's normal path reads the rest of its output (the summary and
        // the resume command) and reports exit code 130; its own cancellation would cut that short.
        if (!StopGracefully())
        {
            base.Cancel();
        }
    }

    /// <summary>Gets the arguments passed to <c>dotnet</c>, for tests.</summary>
    internal string CommandLineArguments => GenerateCommandLineCommands();

    /// <summary>Handles one line of CLI output as if the CLI had printed it, for tests.</summary>
    internal void LogCliOutputLine(string line) => LogEventsFromTextOutput(line, MessageImportance.Normal);

    /// <summary>Shows <paramref name="fullPath"/> relative to <see cref="WorkingDirectory"/> when it lies below it.</summary>
    /// <param name="fullPath">An absolute path.</param>
    /// <returns>The path to pass to the CLI and to report.</returns>
    protected string RelativeToWorkingDirectory(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }

    /// <inheritdoc />
    protected override string GenerateFullPathToTool()
    {
        // The dotnet CLI tells MSBuild (and so its task hosts) which host runs it; elsewhere use the PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : ToolName;
    }

    /// <inheritdoc />
    protected override string GetWorkingDirectory() => WorkingDirectory;

    /// <inheritdoc />
    protected override ProcessStartInfo GetProcessStartInfo(string pathToTool, string commandLineCommands, string responseFileSwitch)
    {
        var startInfo = base.GetProcessStartInfo(pathToTool, commandLineCommands, responseFileSwitch);

        // Plain, colourless progress lines whatever the CI's terminal settings.
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment["TERM"] = "dumb";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        return startInfo;
    }

    /// <inheritdoc />
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (singleLine is null)
        {
            return;
        }

        var line = CliOutputParser.Parse(singleLine);
        var importance = line.Kind == CliLineKind.Note ? MessageImportance.Normal : _progressImportance;
        switch (line.Kind)
        {
            case CliLineKind.Diagnostic when line.Code == UnknownTypeCode && CustomTypesExpected:
                // In a project a custom type is implemented by a generated partial method (the compiler
                // enforces it, CS8795), and a run without its handler is refused: the warning says nothing.
                Log.LogMessage(MessageImportance.Low, "{0}", singleLine);
                break;
            case CliLineKind.Diagnostic:
                LogDiagnostic(line);
                break;
            case CliLineKind.Problem when line.Text.StartsWith(MissingKeyPrefix, StringComparison.Ordinal):
                // "missing API key: OPENAI_API_KEY is not set; ...": its own code, so CI can tell configuration from failure.
                Log.LogError(null, MissingKeyCode, null, ErrorFile, 0, 0, 0, 0, "{0}", DescribeProblem(line.Text));
                break;
            case CliLineKind.Problem:
                Log.LogError(null, ProblemCode, null, ErrorFile, 0, 0, 0, 0, "{0}", DescribeProblem(line.Text));
                break;
            case CliLineKind.Failure:
                OnFailureLine(line.Text);
                Log.LogMessage(importance, "{0}", singleLine);
                break;
            default:
                OnProgressLine(singleLine);
                Log.LogMessage(importance, "{0}", singleLine);
                break;
        }
    }

    /// <summary>
    /// Gets or sets a value indicating whether node types that are not built in are expected (the project
    /// implements them), so the CLI's ATR2009 <c>type_known</c> warning is only a low-importance message,
    /// as the source generator does. On by default.
    /// </summary>
    public bool CustomTypesExpected { get; set; } = true;

    /// <summary>Gets or sets the importance of progress messages: <c>high</c> (default, shown at the default verbosity), <c>normal</c> or <c>low</c>.</summary>
    public string? ProgressImportance { get; set; }

    /// <summary>Gets the code of errors for the CLI's <c>attractor: ...</c> problem lines.</summary>
    protected virtual string ProblemCode => "ATR5002";

    /// <summary>Words a CLI problem for a build, e.g. naming the MSBuild property behind a CLI option.</summary>
    /// <param name="problem">The problem, without the <c>attractor: </c> prefix.</param>
    /// <returns>The error message.</returns>
    protected virtual string DescribeProblem(string problem) => problem;

    /// <summary>Called for every progress or summary line, e.g. to pick up the run directory.</summary>
    /// <param name="line">The line.</param>
    protected virtual void OnProgressLine(string line)
    {
    }

    /// <summary>Called for a run's <c>failure: reason</c> line.</summary>
    /// <param name="reason">The reason.</param>
    protected virtual void OnFailureLine(string reason)
    {
    }

    /// <summary>Reports a non-zero exit code unless the CLI's own output already explained it.</summary>
    /// <returns>False: the task failed.</returns>
    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            var message = ExitCode switch
            {
                130 => _cancelled ? "The attractor CLI was cancelled." : "The attractor CLI was interrupted (exit code 130).",
                3 => "The attractor CLI failed with an internal error (exit code 3); its output above has the details.",
                _ => DescribeExitCode(ExitCode),
            };
            Log.LogError(null, ExitCodeErrorCode, null, ErrorFile, 0, 0, 0, 0, "{0}", message);
        }

        return false;
    }

    /// <summary>Explains an exit code for which the CLI printed no error of its own.</summary>
    /// <param name="exitCode">The exit code.</param>
    /// <returns>The error message.</returns>
    protected virtual string DescribeExitCode(int exitCode) =>
        string.Create(CultureInfo.InvariantCulture, $"The attractor CLI exited with code {exitCode}.");

    private void LogDiagnostic(CliLine line)
    {
        // The CLI prints paths as it was given them, relative to the working directory; MSBuild resolves
        // relative paths against the project file, so make them absolute to keep IDE links right.
        var file = Path.IsPathRooted(line.File!) ? line.File! : Path.GetFullPath(Path.Combine(WorkingDirectory, line.File!));
        switch (line.Severity)
        {
            case "error":
                Log.LogError(null, line.Code, null, file, line.Line, line.Column, 0, 0, "{0}", line.Text);
                break;
            case "warning":
                Log.LogWarning(null, line.Code, null, file, line.Line, line.Column, 0, 0, "{0}", line.Text);
                break;
            default:
                Log.LogMessage(null, line.Code, null, file, line.Line, line.Column, 0, 0, MessageImportance.High, "{0}", line.Text);
                break;
        }
    }

    /// <returns>True when the CLI was found and ended within the grace period.</returns>
    private bool StopGracefully()
    {
        // ToolTask's own cancellation kills the process tree at once, leaving the run without its summary
        // and resume hint. SIGTERM first lets the CLI stop its tools and print them (docs/cli.md, Ctrl+C).
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var children = ChildProcesses.Of(Environment.ProcessId, CliPath);
        var stopped = children.Count > 0;
        foreach (var child in children)
        {
            // Taken before the signal: if the CLI ends (or is ended with MSBuild) before its tools are gone,
            // they would be re-parented and out of reach of the tree kill below.
            var descendants = ChildProcesses.DescendantsOf(child.Id);
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", child.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                kill?.WaitForExit(1000);
                stopped &= child.WaitForExit(GracefulStopTimeout);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or SystemException)
            {
                // Gone already or not ours to signal: ToolTask's tree kill still applies.
                stopped = false;
            }
            finally
            {
                child.Dispose();
            }

            foreach (var id in descendants)
            {
                KillIfAlive(id);
            }
        }

        return stopped;
    }

    private static void KillIfAlive(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            process.Kill();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone: the CLI stopped it.
        }
    }
}
