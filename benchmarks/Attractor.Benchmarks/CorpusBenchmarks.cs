// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using BenchmarkDotNet.Attributes;

namespace Attractor.Benchmarks;

/// <summary>
/// Issue target (a): every file of the real-world corpus (tests/Attractor.Dot.Tests/Corpus), loaded
/// one after the other; one invocation is the whole corpus. Some corpus files have errors on purpose.
/// </summary>
[MemoryDiagnoser]
public class CorpusBenchmarks
{
    private CorpusFile[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = Inputs.Corpus.ToArray();
        if (_files.Length == 0)
        {
            throw new InvalidOperationException("The corpus is empty.");
        }
    }

    /// <summary>Parse + transforms + validate every corpus file.</summary>
    [Benchmark(Baseline = true)]
    public int LoadCorpus()
    {
        var diagnostics = 0;
        foreach (var file in _files)
        {
            diagnostics += PipelineLoader.Default.Load(file.Text, file.Name).Diagnostics.Count;
        }

        return diagnostics;
    }

    /// <summary>Parse every corpus file.</summary>
    [Benchmark]
    public int ParseCorpus()
    {
        var nodes = 0;
        foreach (var file in _files)
        {
            nodes += DotParser.Parse(file.Text, file.Name).Graph.Nodes.Count;
        }

        return nodes;
    }
}
