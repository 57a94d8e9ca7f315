// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Microsoft.Build.Framework;

namespace Attractor.Build.InProcess.Tests;

/// <summary>One error or warning as MSBuild raised it.</summary>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Code">The diagnostic ID, e.g. <c>ATR2001</c>.</param>
/// <param name="File">The file as the event names it (absolute, or relative to the project).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="ProjectFile">The project that raised it.</param>
/// <param name="Sender">The task that raised it (<c>Csc</c> for the generator's diagnostics).</param>
internal sealed record BuildDiagnostic(string Severity, string Code, string File, int Line, int Column, string ProjectFile, string Sender)
{
    /// <summary>Gets <c>severity ID file(line,col)</c> with the file relative to <paramref name="projectDirectory"/>.</summary>
    public string Describe(string projectDirectory)
    {
        var full = Path.IsPathRooted(File) ? File : Path.Combine(Path.GetDirectoryName(ProjectFile) ?? projectDirectory, File);
        var relative = Path.GetRelativePath(projectDirectory, full).Replace('\\', '/');
        return $"{Severity} {Code} {relative}({Line},{Column})";
    }
}

/// <summary>
/// Collects the errors and warnings of one build as structured events, and a transcript of everything else.
/// Internal, like every type that derives from or exposes a Microsoft.Build type: xunit's discovery loads the
/// public types before the module initializer has located MSBuild.
/// </summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<BuildDiagnostic> diagnostics = [];
    private readonly List<string> tasksStarted = [];
    private readonly List<(string Target, TargetSkipReason Reason)> targetsSkipped = [];
    private readonly StringBuilder transcript = new();

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;

    public string? Parameters { get; set; }

    public IReadOnlyList<BuildDiagnostic> Diagnostics
    {
        get
        {
            lock (diagnostics)
            {
                return [.. diagnostics];
            }
        }
    }

    /// <summary>Gets the name of every task that started, in order (one entry per batch).</summary>
    public IReadOnlyList<string> TasksStarted
    {
        get
        {
            lock (tasksStarted)
            {
                return [.. tasksStarted];
            }
        }
    }

    /// <summary>Gets every target MSBuild skipped, with the reason (e.g. its outputs were up to date).</summary>
    public IReadOnlyList<(string Target, TargetSkipReason Reason)> TargetsSkipped
    {
        get
        {
            lock (targetsSkipped)
            {
                return [.. targetsSkipped];
            }
        }
    }

    public string Transcript
    {
        get
        {
            lock (transcript)
            {
                return transcript.ToString();
            }
        }
    }

    public void Initialize(IEventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        eventSource.ErrorRaised += (_, e) => Add(new BuildDiagnostic("error", e.Code ?? string.Empty, e.File ?? string.Empty, e.LineNumber, e.ColumnNumber, e.ProjectFile ?? string.Empty, e.SenderName ?? string.Empty), e.Message);
        eventSource.WarningRaised += (_, e) => Add(new BuildDiagnostic("warning", e.Code ?? string.Empty, e.File ?? string.Empty, e.LineNumber, e.ColumnNumber, e.ProjectFile ?? string.Empty, e.SenderName ?? string.Empty), e.Message);
        eventSource.TaskStarted += (_, e) =>
        {
            lock (tasksStarted)
            {
                tasksStarted.Add(e.TaskName);
            }
        };
        eventSource.MessageRaised += (_, e) =>
        {
            if (e is TargetSkippedEventArgs skipped)
            {
                lock (targetsSkipped)
                {
                    targetsSkipped.Add((skipped.TargetName, skipped.SkipReason));
                }
            }

            if (e.Importance != MessageImportance.Low)
            {
                Append(e.Message);
            }
        };
    }

    public void Shutdown()
    {
    }

    private void Add(BuildDiagnostic diagnostic, string? message)
    {
        lock (diagnostics)
        {
            diagnostics.Add(diagnostic);
        }

        Append($"{diagnostic.File}({diagnostic.Line},{diagnostic.Column}): {diagnostic.Severity} {diagnostic.Code}: {message}");
    }

    private void Append(string? line)
    {
        lock (transcript)
        {
            transcript.AppendLine(line);
        }
    }
}
