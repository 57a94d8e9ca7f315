// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Harness;

/// <summary>A real temporary folder holding a workspace and a stage directory; deleted on dispose.</summary>
internal sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "attractor-harness-" + Guid.NewGuid().ToString("N")[..12]);
        Workspace = Path.Combine(Root, "ws");
        StageDirectory = Path.Combine(Root, "logs", "node");
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(StageDirectory);
    }

    public string Root { get; }

    public string Workspace { get; }

    public string StageDirectory { get; }

    public CodergenRequest Request(string prompt, PipelineContext? context = null, FidelityResolution? fidelity = null, params (string Key, string Value)[] attributes) =>
        new(new PipelineNode("node", AttributeMap.FromPairs(attributes)), prompt, context ?? new PipelineContext(), fidelity ?? FidelityResolution.Default, StageDirectory);

    public string StageFile(string name) => File.ReadAllText(Path.Combine(StageDirectory, name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A CLI's leftover file handle; the OS cleans the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
