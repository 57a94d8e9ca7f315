// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;

namespace Attractor.Build.Tasks.Tests;

/// <summary>Records what a task logs, so tests can assert codes, files and lines.</summary>
internal sealed class MockBuildEngine : IBuildEngine
{
    public ConcurrentQueue<BuildErrorEventArgs> Errors { get; } = new();

    public ConcurrentQueue<BuildWarningEventArgs> Warnings { get; } = new();

    public ConcurrentQueue<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode { get; init; } = "/projects/App/App.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Enqueue(e);

    public string Describe() =>
        string.Join(Environment.NewLine, Errors.Select(static e => $"error {e.Code} {e.File}({e.LineNumber},{e.ColumnNumber}): {e.Message}")
            .Concat(Warnings.Select(static w => $"warning {w.Code} {w.File}({w.LineNumber},{w.ColumnNumber}): {w.Message}"))
            .Concat(Messages.Select(static m => "message: " + m.Message)));
}
