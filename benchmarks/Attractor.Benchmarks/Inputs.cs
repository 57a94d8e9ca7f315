// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text;
using Attractor.Dot;

namespace Attractor.Benchmarks;

/// <summary>The inputs of the benchmarks, shared by the benchmark process and the throughput column of the host.</summary>
public static class Inputs
{
    private static readonly ConcurrentDictionary<int, string> Generated = new();
    private static readonly Lazy<CorpusFile[]> CorpusFiles = new(LoadCorpus);

    /// <summary>Gets the generated pipeline of a node count, generating it once per process.</summary>
    /// <param name="nodeCount">The node count.</param>
    public static string GeneratedText(int nodeCount) => Generated.GetOrAdd(nodeCount, PipelineGenerator.Generate);

    /// <summary>Gets the corpus files of the tests, in ordinal file-name order.</summary>
    public static IReadOnlyList<CorpusFile> Corpus => CorpusFiles.Value;

    /// <summary>Gets the UTF-8 size in bytes of a text (for the generated files, which are ASCII, also its length in chars).</summary>
    /// <param name="text">The text.</param>
    public static long Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Loads a pipeline and throws unless it loads without errors.</summary>
    /// <param name="text">The DOT text.</param>
    /// <param name="name">The name used in the exception message.</param>
    /// <returns>The prepared pipeline.</returns>
    /// <exception cref="InvalidOperationException">The pipeline has at least one error.</exception>
    public static PreparedPipeline LoadValid(string text, string name)
    {
        var prepared = PipelineLoader.Default.Load(text, name);
        var errors = prepared.Diagnostics.Where(static d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                name + " has " + errors.Count + " error(s), expected none; first: " + errors[0]);
        }

        return prepared;
    }

    private static CorpusFile[] LoadCorpus()
    {
        var directory = FindCorpusDirectory();
        return Directory.GetFiles(directory, "*.dot")
            .OrderBy(static p => Path.GetFileName(p), StringComparer.Ordinal)
            .Select(static p => new CorpusFile(Path.GetFileName(p), File.ReadAllText(p)))
            .ToArray();
    }

    private static string FindCorpusDirectory()
    {
        // Copied next to the exe by the project; BenchmarkDotNet builds and runs a child project
        // elsewhere, so also search up from the working directory for the repository's copy.
        var local = Path.Combine(AppContext.BaseDirectory, "Corpus");
        if (Directory.Exists(local) && Directory.GetFiles(local, "*.dot").Length > 0)
        {
            return local;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Attractor.Dot.Tests", "Corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Corpus not found next to the exe (" + local + ") or under tests/Attractor.Dot.Tests/Corpus above the working directory.");
    }
}

/// <summary>A corpus file, read into memory.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Text">The file's text.</param>
public sealed record CorpusFile(string Name, string Text);
