// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using BenchmarkDotNet.Attributes;

namespace Attractor.Benchmarks;

/// <summary>
/// Issue 3: per-node engine overhead. One invocation is one whole run through
/// <see cref="Attractor.Pipelines.PipelineRunner"/> (validation, run directory, manifest, 1,000 no-op
/// nodes each with its stage directory, status.json, context update, checkpoint.json written
/// atomically and fsynced, events.jsonl), in a new run directory; the <c>Per node</c> column is
/// the median divided by 1,000. Run with <c>--engine</c> (see Program.cs), which uses a short job.
/// </summary>
[MemoryDiagnoser]
public class EngineOverheadBenchmarks
{
    private PipelineGraph _linear = null!;
    private PipelineGraph _parallel = null!;
    private string _logsRoot = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _linear = EnginePipelines.Linear();
        _parallel = EnginePipelines.Parallel();
    }

    // A new run directory per invocation: a second run in the same directory would find 1,000
    // stage directories already there, which is not what a real run sees. They are not deleted
    // here (see EnginePipelines.NewLogsRoot).
    [IterationSetup]
    public void CreateLogsRoot() => _logsRoot = EnginePipelines.NewLogsRoot();

    /// <summary><c>start → n1 → … → n1000 → exit</c>: 1,001 checkpointed nodes (start included).</summary>
    [Benchmark(Baseline = true)]
    public Task Linear1000() => EnginePipelines.RunCheckedAsync(_linear, _logsRoot, expectedCompleted: EnginePipelines.WorkNodes + 1);

    /// <summary>
    /// <c>start → fan</c> (10 branches × 100 no-op nodes, all 10 at once) <c>→ join → exit</c>. Branch
    /// nodes write status.json and events but no checkpoint (branches never checkpoint); the main
    /// loop checkpoints start, fan and join.
    /// </summary>
    [Benchmark]
    public Task Parallel10x100() => EnginePipelines.RunCheckedAsync(_parallel, _logsRoot, expectedCompleted: 3);
}
