// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// Issue 6: the loop's cost outside the model. One invocation is a whole session of <see cref="ModelCalls"/> calls
/// against <see cref="InstantAdapter"/> (see <see cref="LoopScript"/>); the <c>Per turn</c> column divides the median
/// by the calls. If the per-turn cost did not grow with the history, 200 calls would cost 4× 50 calls; the request
/// that carries the whole history makes some growth unavoidable, and the ratio shows how much.
/// </summary>
[MemoryDiagnoser]
public class AgentLoopBenchmarks
{
    private LoopRun _run = null!;

    [Params(50, 100, 200)]
    public int ModelCalls { get; set; }

    /// <summary>Gets or sets a value indicating whether model calls stream (the session default) or are single-shot.</summary>
    [Params(true, false)]
    public bool Streaming { get; set; }

    [GlobalSetup]
    public void Setup() => _run = new LoopRun(ModelCalls, Streaming, record: false);

    [Benchmark]
    public Task<int> Session() => _run.RunAsync();
}
