// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>Pipelines and locations shared by the tests.</summary>
internal static class TestFiles
{
    public const string Valid = """
        digraph Valid {
            graph [goal="Say hello"]
            start [shape=Mdiamond]
            greet [prompt="Work towards: $goal"]
            exit  [shape=Msquare]
            start -> greet -> exit
        }
        """;

    /// <summary>Two errors: no start node and no exit node.</summary>
    public const string Invalid = """
        digraph Invalid {
            a [prompt="first"]
            b [prompt="second"]
            a -> b
        }
        """;

    /// <summary>Valid, but with a missing comma (a syntax warning).</summary>
    public const string WarningsOnly = """
        digraph Warns {
            start [shape=Mdiamond]
            work  [label="Work" prompt="do it"]
            exit  [shape=Msquare]
            start -> work -> exit
        }
        """;

    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Samples");
}
