// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Agent.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Modes (run in Release; benchmarks/run-benchmarks.sh --agent runs them all):
//   --loop [BenchmarkDotNet args]    whole scripted sessions of 50, 100 and 200 model calls, streamed and single-shot
//   --loop-probe [sessions] [--single-shot]  per-turn time and allocation by position in a 200-call session (default
//                                    10 sessions; streamed model calls, the session default, unless --single-shot)
//   --search [BenchmarkDotNet args]  grep and glob on the 50,000-file tree against ripgrep (generated on first use)
//   --generate-tree                  only generate the tree (ATTRACTOR_SEARCH_TREE, default /var/tmp/attractor-search-tree)
// In process (like the other suites here): one invocation is a whole session or a whole search, far above the
// harness's own cost, and it spares the shared machine a second Release build of a generated project.
var mode = args.FirstOrDefault();
if (mode == "--loop")
{
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithId("Loop").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(PerTurnColumn.Instance, StatisticColumn.Median, StatisticColumn.Min);
    var summary = BenchmarkRunner.Run<AgentLoopBenchmarks>(config, args[1..]);
    return summary.HasCriticalValidationErrors || summary.Reports.Any(static r => !r.Success) ? 1 : 0;
}

if (mode == "--loop-probe")
{
    var sessions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
    var streaming = !args.Contains("--single-shot");
    await LoopProbe.RunAsync(sessions, streaming, Console.Out).ConfigureAwait(false);
    return 0;
}

if (mode == "--search")
{
    // Each invocation reads the whole tree (seconds for the managed search), so one invocation per iteration.
    var config = DefaultConfig.Instance
        .AddJob(Job.Default.WithId("Search").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min);
    string[] bdnArgs = args.Length > 1 ? args[1..] : ["--filter", "*"];
    var summaries = BenchmarkSwitcher.FromTypes([typeof(GrepBenchmarks), typeof(GlobBenchmarks)]).Run(bdnArgs, config);
    return summaries.Any(static s => s.HasCriticalValidationErrors || s.Reports.Any(static r => !r.Success)) ? 1 : 0;
}

if (mode == "--generate-tree")
{
    Console.WriteLine(SearchTree.Ensure());
    return 0;
}

await Console.Error.WriteLineAsync("usage: Attractor.Agent.Benchmarks --loop [BenchmarkDotNet args] | --loop-probe [sessions] | --search [BenchmarkDotNet args] | --generate-tree").ConfigureAwait(false);
return 2;
