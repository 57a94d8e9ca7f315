// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// Issue 6: the grep tool's search on the 50,000-file <see cref="SearchTree"/> (page cache warm after the first
/// iteration), three ways in the same run: the managed fallback (<see cref="GrepImplementation.Managed"/>), our
/// ripgrep-backed path (<see cref="GrepImplementation.Auto"/> with <c>rg</c> on PATH: one <c>rg --sort path</c>
/// process, output capped at max_results) and raw <c>rg -n</c> as a user would run it (parallel, unsorted; the
/// same cap). Scenarios: a rare literal regex over every file (20 matches, so the whole tree is read), the same
/// restricted to <c>*.cs</c>, and a common word where the cap of 100 matches ends the search early.
/// </summary>
[MemoryDiagnoser]
public class GrepBenchmarks
{
    private static readonly Dictionary<string, (string Pattern, string? Glob)> Scenarios = new(StringComparer.Ordinal)
    {
        ["Rare"] = (SearchTree.RareToken + @"\d+", null),
        ["RareInCs"] = (SearchTree.RareToken + @"\d+", "*.cs"),
        ["Common100"] = ("TODO", null),
    };

    private string _root = string.Empty;
    private LocalExecutionEnvironment _managed = null!;
    private LocalExecutionEnvironment _ripgrep = null!;

    [Params("Rare", "RareInCs", "Common100")]
    public string Scenario { get; set; } = "Rare";

    private string Pattern => Scenarios[Scenario].Pattern;

    private GrepOptions Options => new() { GlobFilter = Scenarios[Scenario].Glob, MaxResults = 100 };

    [GlobalSetup]
    public void Setup()
    {
        _root = SearchTree.Ensure();
        _managed = new LocalExecutionEnvironment(_root, new LocalExecutionEnvironmentOptions { Grep = GrepImplementation.Managed });
        _ripgrep = new LocalExecutionEnvironment(_root);

        // The three must agree before their times mean anything.
        // The three must agree before their times mean anything; both of ours print the same lines in the same order.
        var managedOutput = Managed().GetAwaiter().GetResult();
        var ripgrepOutput = Ripgrep().GetAwaiter().GetResult();
        var managed = Count(managedOutput);
        var ours = Count(ripgrepOutput);
        var raw = RawRg().GetAwaiter().GetResult();
        var expected = Scenario == "Rare" ? SearchTree.RareLines : Scenario == "Common100" ? 100 : -1;
        if (managedOutput != ripgrepOutput || ours != raw || (expected >= 0 && ours != expected))
        {
            throw new InvalidOperationException($"{Scenario}: managed {managed}, ripgrep path {ours}, raw rg {raw} matching lines (expected {expected}); managed and ripgrep path {(managedOutput == ripgrepOutput ? "agree" : "differ")}.");
        }

        Console.WriteLine($"// {Scenario}: {ours} matching lines from each");
    }

    [Benchmark(Baseline = true)]
    public Task<string> Managed() => _managed.GrepAsync(Pattern, _root, Options, CancellationToken.None);

    [Benchmark]
    public Task<string> Ripgrep() => _ripgrep.GrepAsync(Pattern, _root, Options, CancellationToken.None);

    [Benchmark]
    public Task<int> RawRg()
    {
        List<string> arguments = ["-n", "--no-heading", "--color", "never"];
        if (Options.GlobFilter is { } glob)
        {
            arguments.AddRange(["--glob", glob]);
        }

        arguments.AddRange(["--regexp", Pattern, _root]);
        return RawRipgrep.RunAsync(arguments, Options.MaxResults);
    }

    private static int Count(string output) => output.Count(c => c == '\n');
}
