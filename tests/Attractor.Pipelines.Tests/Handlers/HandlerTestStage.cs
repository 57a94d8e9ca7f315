// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>A temporary run directory and hand-built <see cref="StageExecution"/>s for handler tests.</summary>
internal sealed class HandlerTestStage : IDisposable
{
    public HandlerTestStage()
    {
        LogsRoot = Path.Combine(Path.GetTempPath(), "attractor-handler-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(LogsRoot);
    }

    public string LogsRoot { get; }

    public RecordingEventSink Events { get; } = new();

    public PipelineContext Context { get; } = new();

    public static PipelineGraph Parse(string dot)
    {
        var prepared = PipelineLoader.Default.Load(dot);
        return prepared.Graph;
    }

    public static PipelineGraph Graph(IReadOnlyList<PipelineNode> nodes, IReadOnlyList<PipelineEdge>? edges = null, params (string Key, string Value)[] graphAttributes) =>
        new("g", AttributeMap.FromPairs(graphAttributes), nodes, edges ?? []);

    public static PipelineNode Node(string id, params (string Key, string Value)[] attributes) => new(id, AttributeMap.FromPairs(attributes));

    public StageExecution Create(PipelineGraph graph, string nodeId, IInterviewer? interviewer = null, ICodergenBackend? backend = null)
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
                Interviewer = interviewer!,
                Events = Events,
                Branches = NoBranchRunner.Instance,
            },
        };
    }

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
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
