// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Backends.Harness;

/// <summary>What a stream parser learned about one CLI run: session, model, final text, usage and the CLI's own failure report.</summary>
internal sealed class HarnessTurn
{
    private readonly StringBuilder _segment = new();

    public HarnessTurn(BackendEventSource source)
    {
        Source = source;
    }

    /// <summary>Gets the source stamped on every event; it gains the session and model as the stream reveals them.</summary>
    public BackendEventSource Source { get; private set; }

    /// <summary>Gets or sets the final text the CLI reported itself (Claude Code's <c>result</c>).</summary>
    public string? ResultText { get; set; }

    /// <summary>Gets the usage the CLI reported, if any.</summary>
    public BackendUsage? Usage { get; set; }

    /// <summary>Gets or sets whether the CLI reported the end of its turn (success or failure).</summary>
    public bool Finished { get; set; }

    /// <summary>Gets or sets the CLI's own failure message (an <c>is_error</c> result, <c>turn.failed</c>, an error result).</summary>
    public string? FailureMessage { get; set; }

    /// <summary>Gets or sets the provider's HTTP status of the failure, when the CLI reported one.</summary>
    public int? FailureStatus { get; set; }

    /// <summary>Gets or sets the last non-fatal error message the CLI printed in its stream (a fallback reason).</summary>
    public string? LastErrorMessage { get; set; }

    /// <summary>Gets the response text: the CLI's own result, else the assistant text after the last tool call.</summary>
    public string FinalText => ResultText ?? _segment.ToString();

    public void SetSession(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId) && sessionId != Source.Execution.SessionId)
        {
            Source = Source with { Execution = Source.Execution with { SessionId = sessionId } };
        }
    }

    public void SetModel(string? model)
    {
        if (!string.IsNullOrEmpty(model) && model != Source.Model)
        {
            Source = Source with { Model = model };
        }
    }

    public void SetProcess(int processId) =>
        Source = Source with { Execution = Source.Execution with { ProcessId = processId } };

    /// <summary>Adds assistant text to the current segment.</summary>
    public void AppendText(string text) => _segment.Append(text);

    /// <summary>Replaces the current segment (a CLI that reports whole messages).</summary>
    public void ReplaceText(string text) => _segment.Clear().Append(text);

    /// <summary>Starts a new segment: text before a tool call is not the final answer.</summary>
    public void ResetText() => _segment.Clear();
}
