// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// Issue 6: the glob tool's search on the 50,000-file <see cref="SearchTree"/>: ours (managed: a walk of the tree,
/// newest first) against <c>rg --files --glob</c> (parallel walk, unsorted). <c>AllCs</c> matches 20,000 files; the
/// narrow <c>OnePackageJson</c> matches 100 files in one of the 50 top-level directories, where a walk that prunes
/// directories the pattern cannot match reads 1/50 of the tree. <c>DotnetWalk</c> is the bare .NET enumeration of the
/// tree, what any managed walk costs before matching.
/// </summary>
[MemoryDiagnoser]
public class GlobBenchmarks
{
    private static readonly Dictionary<string, (string Pattern, int Expected)> Scenarios = new(StringComparer.Ordinal)
    {
        ["AllCs"] = ("**/*.cs", SearchTree.FileCount * 4 / 10),
        ["OnePackageJson"] = ("pkg07/**/*.json", SearchTree.ModulesPerPackage * SearchTree.FilesPerModule / 10),
    };

    private string _root = string.Empty;
    private LocalExecutionEnvironment _environment = null!;

    [Params("AllCs", "OnePackageJson")]
    public string Scenario { get; set; } = "AllCs";

    [GlobalSetup]
    public void Setup()
    {
        _root = SearchTree.Ensure();
        _environment = new LocalExecutionEnvironment(_root);
        var ours = Ours().GetAwaiter().GetResult().Count;
        var raw = RawRg().GetAwaiter().GetResult();
        if (ours != Scenarios[Scenario].Expected || raw != ours)
        {
            throw new InvalidOperationException($"{Scenario}: ours {ours}, rg {raw} files (expected {Scenarios[Scenario].Expected}).");
        }

        Console.WriteLine($"// {Scenario}: {ours} files from each");
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<string>> Ours() => _environment.GlobAsync(Scenarios[Scenario].Pattern, _root, CancellationToken.None);

    // From the root, as the glob tool's patterns are relative to its base directory (rg matches a glob with a slash
    // against the path below the directory it runs in).
    /// <summary>The bare .NET walk (every file as a <see cref="FileInfo"/>, no matching, no sorting): the floor under ours.</summary>
    [Benchmark]
    public int DotnetWalk() => new DirectoryInfo(_root).EnumerateFiles("*", SearchOption.AllDirectories).Count();

    [Benchmark]
    public Task<int> RawRg() => RawRipgrep.RunAsync(["--files", "--glob", Scenarios[Scenario].Pattern], workingDirectory: _root);
}
