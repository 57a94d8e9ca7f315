// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>
/// Every corpus pipeline that validates runs in simulation with auto-approved gates without crashing
/// the engine: it may succeed, fail, or loop until the time limit, but never throw anything else.
/// Tool commands are replaced by a no-op, since corpus files run arbitrary shell commands.
/// </summary>
public sealed class CorpusSmokeTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.dot").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Corpus_pipeline_never_crashes_the_engine(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", file);
        var prepared = PipelineLoader.Default.Load(await File.ReadAllTextAsync(path), path);
        if (prepared.HasErrors)
        {
            return;
        }

        using var dir = new EngineTempDirectory();
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = dir.Run(),
            Interviewer = new AutoApproveInterviewer(),
            RetryBackoff = BackoffConfig.None,
            Handlers = new Dictionary<string, Attractor.Pipelines.Handlers.INodeHandler>(StringComparer.Ordinal)
            {
                ["tool"] = new DelegateHandler(_ => Outcome.Success("tool skipped in the smoke test")),
            },
        });

        // Simulated pipelines can loop forever (e.g. until a context flag no simulation sets); that is not a crash.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var result = await runner.RunAsync(prepared.Graph, limit.Token);
            Assert.True(result.Status is StageStatus.Success or StageStatus.Fail);
            Assert.True(File.Exists(Path.Combine(result.LogsRoot, "checkpoint.json")));
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Assert.True(File.Exists(Path.Combine(dir.Run(), "checkpoint.json")));
        }
    }
}
