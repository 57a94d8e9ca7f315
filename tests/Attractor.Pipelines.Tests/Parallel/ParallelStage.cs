// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;
using Attractor.Pipelines.Tests.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>A temporary run directory and <see cref="StageExecution"/>s wired to a <see cref="FakeBranchRunner"/>.</summary>
internal sealed class ParallelStage : IDisposable
{
    public ParallelStage()
    {
        LogsRoot = Path.Combine(Path.GetTempPath(), "attractor-parallel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(LogsRoot);
    }

    public string LogsRoot { get; }

    public FakeBranchRunner Branches { get; } = new();

    public RecordingEventSink Events { get; } = new();

    public PipelineContext Context { get; } = new();

    public static PipelineGraph Parse(string dot)
    {
        var prepared = PipelineLoader.Default.Load(dot);
        Assert.False(prepared.HasErrors, string.Join(Environment.NewLine, prepared.Errors));
        return prepared.Graph;
    }

    /// <summary>A pipeline start → fan → (branches) → join → exit, with the given attributes on fan.</summary>
    public static PipelineGraph FanOut(string fanAttributes, params string[] branches)
    {
        var lines = string.Join(Environment.NewLine, branches.Select(b => $"  {b} [shape=box]; fan -> {b}; {b} -> join"));
        return Parse($$"""
            digraph P {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component{{(fanAttributes.Length > 0 ? ", " + fanAttributes : string.Empty)}}]
              join [shape=tripleoctagon]
              start -> fan
            {{lines}}
              join -> exit
            }
            """);
    }

    public StageExecution Create(PipelineGraph graph, string nodeId, ICodergenBackend? backend = null, IBranchRunner? branches = null)
    {
        var node = graph.FindNode(nodeId) ?? throw new ArgumentException("No node " + nodeId, nameof(nodeId));
        var stageDirectory = Path.Combine(LogsRoot, nodeId);
        Directory.CreateDirectory(stageDirectory);
        return new StageExecution
        {
            Node = node,
            Graph = graph,
            Context = Context,
            LogsRoot = LogsRoot,
            StageDirectory = stageDirectory,
            Services = new PipelineServices
            {
                Backend = backend,
                Interviewer = new AutoApproveInterviewer(),
                Events = Events,
                Branches = branches ?? Branches,
            },
        };
    }

    public Task<Outcome> RunAsync(PipelineGraph graph, string nodeId = "fan", CancellationToken cancellationToken = default) =>
        new ParallelHandler().ExecuteAsync(Create(graph, nodeId), cancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(LogsRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
