// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Attractor.Build.Tasks;

/// <summary>
/// Runs one pipeline with <c>attractor run</c>: its diagnostics are errors and warnings with file and
/// line, each progress line a message, a failed run an error at the pipeline file. Custom-type nodes run
/// through the generated runners of <see cref="RunnerAssembly"/> when given.
/// </summary>
public sealed class RunPipeline : AttractorCliTask
{
    private const string LogsMarker = "; logs: ";

    private const string StageFailedMarker = " stage failed ";
    private const string WillRetrySuffix = " (will retry)";

    private string? _runDirectory;
    private string? _failureReason;
    private string? _failedNode;

    /// <summary>Gets or sets the pipeline file (absolute path).</summary>
    [Required]
    public ITaskItem? Pipeline { get; set; }

    /// <summary>Gets or sets the run directory (<c>--logs-root</c>); empty for the CLI's default under <c>.attractor/runs</c>.</summary>
    public string? LogsRoot { get; set; }

    /// <summary>Gets or sets a value indicating whether to pass <c>--simulate</c>.</summary>
    public bool Simulate { get; set; }

    /// <summary>Gets or sets a value indicating whether to answer every human gate with its first choice (<c>--auto-approve</c>).</summary>
    public bool AutoApprove { get; set; }

    /// <summary>Gets or sets the answers to human gates, in the order asked (<c>--answers A,B</c>).</summary>
    public string? Answers { get; set; }

    /// <summary>Gets or sets values put into the run context before the start node, each <c>key=value</c> (<c>--set</c>).</summary>
    public string[] Context { get; set; } = [];

    /// <summary>Gets or sets what runs codergen nodes (<c>--backend</c>): <c>simulate</c>, <c>llm</c> or <c>agent</c>; empty for the CLI's default (agent when a provider API key is set, else simulate).</summary>
    public string? Backend { get; set; }

    /// <summary>
    /// Gets or sets the project's compiled assembly, whose generated runners implement custom node types
    /// (<c>--assembly</c>); empty or missing runs built-in handlers only.
    /// </summary>
    public string? RunnerAssembly { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a node type that is neither built in nor implemented by the
    /// runner in <see cref="RunnerAssembly"/> refuses the run (<c>--require-handlers</c>) instead of silently
    /// running as a codergen node. On by default.
    /// </summary>
    public bool RequireHandlers { get; set; } = true;

    /// <summary>Gets the run directory the CLI reported (absolute).</summary>
    [Output]
    public string? RunDirectory => _runDirectory;

    /// <inheritdoc />
    protected override string ErrorFile => Pipeline?.ItemSpec ?? base.ErrorFile;

    /// <inheritdoc />
    public override bool Execute()
    {
        if (AutoApprove && !string.IsNullOrWhiteSpace(Answers))
        {
            Log.LogError(null, "ATR5010", null, ErrorFile, 0, 0, 0, 0, "PipelineAutoApprove and PipelineAnswers cannot be combined: choose one way to answer human gates.");
            return false;
        }

        return base.Execute();
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
        builder.AppendFileNameIfNotNull(CliPath);
        builder.AppendTextUnquoted(" run");
        builder.AppendFileNameIfNotNull(RelativeToWorkingDirectory(Pipeline!.ItemSpec));
        if (!string.IsNullOrWhiteSpace(LogsRoot))
        {
            builder.AppendSwitchIfNotNull("--logs-root ", RelativeToWorkingDirectory(Path.GetFullPath(LogsRoot, WorkingDirectory)));
        }

        if (Simulate)
        {
            builder.AppendSwitch("--simulate");
        }

        if (AutoApprove)
        {
            builder.AppendSwitch("--auto-approve");
        }

        if (!string.IsNullOrWhiteSpace(Answers))
        {
            builder.AppendSwitchIfNotNull("--answers ", Answers.Trim());
        }

        foreach (var assignment in Context.Where(static c => !string.IsNullOrWhiteSpace(c)))
        {
            builder.AppendSwitchIfNotNull("--set ", assignment.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Backend))
        {
            builder.AppendSwitchIfNotNull("--backend ", Backend.Trim());
        }

        if (!string.IsNullOrWhiteSpace(RunnerAssembly) && File.Exists(RunnerAssembly))
        {
            builder.AppendSwitchIfNotNull("--assembly ", RunnerAssembly);
        }

        if (RequireHandlers)
        {
            builder.AppendSwitch("--require-handlers");
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    protected override void OnProgressLine(string line)
    {
        // "[mm:ss.ff] stage failed   <node>: <reason>[ (will retry)]": the last final failure names the node
        // the build error points at.
        var failed = line.IndexOf(StageFailedMarker, StringComparison.Ordinal);
        if (line.StartsWith('[') && failed > 0 && !line.EndsWith(WillRetrySuffix, StringComparison.Ordinal))
        {
            var subject = line[(failed + StageFailedMarker.Length)..].TrimStart();
            var colon = subject.IndexOf(": ", StringComparison.Ordinal);
            _failedNode = colon > 0 ? subject[..colon] : subject;
            return;
        }

        // "running <name>; logs: <dir>" first, "run <status> in <s>: ...; logs: <dir>" last (docs/cli.md).
        if (line.StartsWith("run", StringComparison.Ordinal) || line.StartsWith("resuming ", StringComparison.Ordinal))
        {
            var index = line.LastIndexOf(LogsMarker, StringComparison.Ordinal);
            if (index >= 0)
            {
                _runDirectory = Path.GetFullPath(line[(index + LogsMarker.Length)..], WorkingDirectory);
            }
        }
    }

    /// <inheritdoc />
    protected override string DescribeProblem(string problem) =>
        problem.Contains("--auto-approve", StringComparison.Ordinal)
            ? problem + " (from MSBuild: -p:PipelineAutoApprove=true, or -p:PipelineAnswers=\"A,B\")"
            : problem.Replace("--backend ", "-p:PipelineBackend=", StringComparison.Ordinal);

    /// <inheritdoc />
    protected override void OnFailureLine(string reason) => _failureReason = reason;

    /// <inheritdoc />
    protected override bool HandleTaskExecutionErrors()
    {
        if (ExitCode == 1 && !Log.HasLoggedErrors)
        {
            var (line, column) = _failedNode is null ? (0, 0) : NodeLocator.Find(ErrorFile, _failedNode);
            Log.LogError(null, "ATR5001", null, ErrorFile, line, column, 0, 0, "Pipeline failed: {0} (run directory: {1})", _failureReason ?? "see the progress above", _runDirectory ?? "unknown");
        }

        return base.HandleTaskExecutionErrors();
    }
}
