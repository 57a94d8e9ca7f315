// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `--generate <dir> [N...]` writes generated inputs (default: big10k.dot and big20k.dot) for the
// Graphviz and CLI comparisons; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length >= 1 && args[0] == "--generate")
{
    var counts = args.Skip(2).Select(static a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
    if (args.Length < 2 || counts.Any(static n => n < PipelineGenerator.MinimumNodeCount))
    {
        await Console.Error.WriteLineAsync("usage: Attractor.Benchmarks --generate <dir> [node-count...]   (node counts >= "
            + PipelineGenerator.MinimumNodeCount + "; default 10000 20000)").ConfigureAwait(false);
        return 2;
    }

    Directory.CreateDirectory(args[1]);
    foreach (var nodeCount in counts.Length > 0 ? counts : [10_000, 20_000])
    {
        var text = Inputs.GeneratedText(nodeCount);
        Inputs.LoadValid(text, "generated " + nodeCount);
        var name = nodeCount % 1000 == 0 ? (nodeCount / 1000).ToString(CultureInfo.InvariantCulture) + "k" : nodeCount.ToString(CultureInfo.InvariantCulture);
        var path = Path.Combine(args[1], "big" + name + ".dot");
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)).ConfigureAwait(false);
        Console.WriteLine(path + ": " + nodeCount + " nodes, " + PipelineGenerator.EdgeCount(nodeCount) + " edges, " + Inputs.Utf8Bytes(text) + " bytes, 0 errors");
    }

    return 0;
}

// `--generate-project <dir>`: writes the 100 pipelines of GeneratorBenchmarks as <dir>/pipelineNNN.dot,
// for the no-op build comparison in benchmarks/build-overhead.sh.
if (args.Length == 2 && args[0] == "--generate-project")
{
    Directory.CreateDirectory(args[1]);
    foreach (var (fileName, text) in GeneratorBenchmarks.ProjectPipelines())
    {
        Inputs.LoadValid(text, fileName);
        await File.WriteAllTextAsync(Path.Combine(args[1], fileName), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)).ConfigureAwait(false);
    }

    Console.WriteLine(GeneratorBenchmarks.PipelineCount + " pipelines in " + args[1]);
    return 0;
}

// `--load-loop <nodes> <loads>`: loads one generated pipeline over and over, for perf record.
if (args.Length == 3 && args[0] == "--load-loop")
{
    LoadLoopProbe.Run(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    return 0;
}

// `--allocations` prints the bytes one load allocates by phase and what its result retains, 10k and 20k nodes.
if (args.Length == 1 && args[0] == "--allocations")
{
    AllocationProbe.Run([10_000, 20_000]);
    return 0;
}

// `--gc-details [loads]`: GC counts, large-object allocations and sampled allocations by type per load, 10k and 20k nodes.
if (args.Length >= 1 && args[0] == "--gc-details")
{
    GcDetailProbe.Run([10_000, 20_000], args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
    return 0;
}

// `--scaling [iterations]` splits Load time into GC pauses and the rest at 5k/10k/20k/40k nodes.
if (args.Length >= 1 && args[0] == "--scaling")
{
    var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
    ScalingProbe.Run([5_000, 10_000, 20_000, 40_000], iterations);
    return 0;
}

// `--paired [pairs]`: the 20k/10k Load ratio from adjacent short blocks of each size in one process.
if (args.Length >= 1 && args[0] == "--paired")
{
    PairedRatioProbe.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40);
    return 0;
}

// `--engine-probe [runs]`: per-node times by position, read from the events of whole runs.
if (args.Length >= 1 && args[0] == "--engine-probe")
{
    var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    await EngineProbe.RunAsync(runs).ConfigureAwait(false);
    return 0;
}

// `--engine [BenchmarkDotNet args]`: the engine-overhead benchmark alone, with a short job (each
// invocation is a whole 1,000-node run of ~1 s, so a few iterations give a stable median) and the
// per-node column. In process: at ~1 s per invocation the harness costs nothing measurable, and it
// spares a shared 2-core machine a second Release build of the generated project (and works from
// the built dll). The front-end suite below never includes it.
if (args.Length >= 1 && args[0] == "--engine")
{
    var engineConfig = DefaultConfig.Instance
        .AddJob(Job.Default.WithId("EngineShort").WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(9)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(PerNodeColumn.Instance, StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    var engine = BenchmarkRunner.Run<EngineOverheadBenchmarks>(engineConfig, args[1..]);
    return engine.HasCriticalValidationErrors || engine.Reports.Any(static r => !r.Success) ? 1 : 0;
}

// `--generator [BenchmarkDotNet args]`: the source generator on 100 pipelines (issue 4), cold and
// after a one-file edit. A short job: runs take milliseconds and are stable, and the machine is
// shared. In process, for the same reasons as --engine.
if (args.Length >= 1 && args[0] == "--generator")
{
    var generatorConfig = DefaultConfig.Instance
        .AddJob(Job.Default.WithId("GeneratorShort").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance))
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
    var generator = BenchmarkRunner.Run<GeneratorBenchmarks>(generatorConfig, args[1..]);
    return generator.HasCriticalValidationErrors || generator.Reports.Any(static r => !r.Success) ? 1 : 0;
}

// One launch, 3 warm-ups and 15 measured iterations of ~0.5 s each: the whole suite takes a few
// minutes on 2 cores. A --job on the command line replaces this job. In process: BenchmarkDotNet's
// generated project cannot reference this one (the generator assembly, referenced under an alias here,
// repeats Attractor.Dot's public types: CS0433 there), and the in-process toolchain measures the same code.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithId("Throughput").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)
        .WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumn(ThroughputColumn.InputBytes, ThroughputColumn.MegabytesPerSecond);

var summaries = BenchmarkSwitcher.FromTypes([typeof(GeneratedPipelineBenchmarks), typeof(CorpusBenchmarks)]).Run(args, config);
return summaries.Any(static s => s.HasCriticalValidationErrors || s.Reports.Any(static r => !r.Success)) ? 1 : 0;
