// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;
using BenchmarkDotNet.Attributes;

namespace Attractor.Benchmarks;

/// <summary>
/// Issue target (b): the generated pipeline of N nodes / 2N edges. <see cref="Load"/> is the whole
/// front door (parse + transforms + validate); the others split it into its phases.
/// </summary>
[MemoryDiagnoser]
public class GeneratedPipelineBenchmarks
{
    private string _text = string.Empty;
    private PipelineGraph _parsed = null!;
    private PipelineGraph _transformed = null!;

    /// <summary>Gets or sets the node count; the edge count is twice that.</summary>
    [Params(10_000, 20_000)]
    public int NodeCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Inputs.GeneratedText(NodeCount);
        var prepared = Inputs.LoadValid(_text, "big" + NodeCount + ".dot");
        if (prepared.Graph.Nodes.Count != NodeCount || prepared.Graph.Edges.Count != PipelineGenerator.EdgeCount(NodeCount))
        {
            throw new InvalidOperationException(
                "Generated graph has " + prepared.Graph.Nodes.Count + " nodes and " + prepared.Graph.Edges.Count + " edges; expected "
                + NodeCount + " and " + PipelineGenerator.EdgeCount(NodeCount) + ".");
        }

        _parsed = DotParser.Parse(_text, "big.dot").Graph;
        _transformed = prepared.Graph;
    }

    /// <summary>Parse + built-in transforms + all lint rules, as <c>attractor validate</c> does per file.</summary>
    [Benchmark(Baseline = true)]
    public PreparedPipeline Load() => PipelineLoader.Default.Load(_text, "big.dot");

    /// <summary>Lexer and parser only.</summary>
    [Benchmark]
    public DotParseResult ParseOnly() => DotParser.Parse(_text, "big.dot");

    /// <summary>The built-in transforms ($goal expansion, model stylesheet) on the parsed graph.</summary>
    [Benchmark]
    public PipelineGraph TransformOnly() => new TransformPipeline().Apply(_parsed);

    /// <summary>
    /// All built-in lint rules on the transformed graph. Wrapped in a new graph instance each call so
    /// the per-graph topology cache starts cold, as it does in a real load.
    /// </summary>
    [Benchmark]
    public IReadOnlyList<DotDiagnostic> ValidateOnly() => PipelineValidator.Default.Validate(_transformed.WithNodes(_transformed.Nodes));
}
