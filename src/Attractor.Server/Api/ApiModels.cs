// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Server.Runs;

namespace Attractor.Server.Api;

/// <summary>A run in <c>GET /pipelines</c>.</summary>
internal sealed record RunSummary(
    string Id,
    string Name,
    string Goal,
    RunStatus Status,
    DateTimeOffset? StartedAt,
    string Source,
    string Backend,
    string? CurrentNode,
    int PendingQuestions,
    long LastEventId,
    string? Error);

/// <summary>A run in <c>GET /pipelines/{id}</c>: the summary plus the graph's nodes with their states and stage files.</summary>
internal sealed record RunDetail(
    RunSummary Run,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<EdgeView> Edges,
    bool Resumable,
    string LogsRoot);

/// <summary>A node with its live state and the files its stage wrote so far.</summary>
internal sealed record NodeView(string Id, string Label, string Shape, string Type, NodeState State, IReadOnlyList<string> Files);

/// <summary>An edge of the graph.</summary>
internal sealed record EdgeView(string From, string To, string Label);

/// <summary>A pending question in <c>GET /pipelines/{id}/questions</c> and in <c>question</c> notices.</summary>
internal sealed record QuestionView(
    string Id,
    string Text,
    string Type,
    string Stage,
    IReadOnlyList<OptionView> Options,
    DateTimeOffset AskedAt,
    double? TimeoutSeconds,
    string? Default);

/// <summary>An option of a question.</summary>
internal sealed record OptionView(string Key, string Label);

/// <summary>An error body: a message people can act on, and diagnostics for an invalid pipeline.</summary>
internal sealed record ErrorBody(string Error, IReadOnlyList<DiagnosticView>? Diagnostics = null);

/// <summary>A diagnostic of a refused pipeline.</summary>
internal sealed record DiagnosticView(string Severity, string Code, string Message, int Line, int Column, string? Node, string? Fix);
