// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Tests;

/// <summary>The DOT sources the tests submit.</summary>
internal static class Pipelines
{
    /// <summary>A tool stage, then a human gate choosing between two tool stages.</summary>
    public const string Gate = """
        digraph Gate {
            graph [goal="Ship a change once a human approves it"]
            start   [shape=Mdiamond]
            exit    [shape=Msquare]
            build   [shape=parallelogram, label="Build", tool_command="echo built"]
            approve [shape=hexagon, label="Ship it?"]
            ship    [shape=parallelogram, label="Ship", tool_command="echo shipped"]
            fix     [shape=parallelogram, label="Fix", tool_command="echo fixed"]
            start -> build -> approve
            approve -> ship [label="[A] Approve"]
            approve -> fix  [label="[F] Fix"]
            ship -> exit
            fix -> exit
        }
        """;

    /// <summary>Two tool stages and nothing to answer.</summary>
    public const string Simple = """
        digraph Simple {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            one   [shape=parallelogram, tool_command="echo one"]
            two   [shape=parallelogram, tool_command="echo two"]
            start -> one -> two -> exit
        }
        """;
}
