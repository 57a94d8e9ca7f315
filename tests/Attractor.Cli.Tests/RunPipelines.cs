// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>Small pipelines for the run and resume tests; none runs anything but simulated stages and echo/sleep.</summary>
internal static class RunPipelines
{
    /// <summary>One gate: [A] Approve leads to <c>ship</c>, [F] Fix to <c>fix</c>.</summary>
    public const string Gate = """
        digraph Gate {
            graph [goal="Ship a change"]
            start   [shape=Mdiamond]
            exit    [shape=Msquare]
            work    [prompt="Make the change"]
            approve [shape=hexagon, label="Ship it?"]
            ship    [prompt="Ship it"]
            fix     [prompt="Fix it"]
            start -> work -> approve
            approve -> ship [label="[A] Approve"]
            approve -> fix  [label="[F] Fix"]
            ship -> exit
            fix -> exit
        }
        """;

    /// <summary>Two gates in a row, so one answer is not enough.</summary>
    public const string TwoGates = """
        digraph TwoGates {
            start  [shape=Mdiamond]
            exit   [shape=Msquare]
            first  [shape=hexagon, label="First?"]
            second [shape=hexagon, label="Second?"]
            start -> first
            first -> second [label="[Y] Yes"]
            first -> exit   [label="[N] No"]
            second -> exit  [label="[Y] Yes"]
            second -> first [label="[B] Back"]
        }
        """;

    /// <summary>A tool that fails with exit code 3 and a line on stderr.</summary>
    public const string FailingTool = """
        digraph Failing {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            boom  [shape=parallelogram, tool_command="echo it broke >&2; exit 3"]
            start -> boom -> exit
        }
        """;

    /// <summary>A tool that fails on its first attempt and succeeds on its second (it leaves a file behind).</summary>
    public static string FlakyTool(string attemptFile) => $$"""
        digraph Flaky {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            flaky [shape=parallelogram, max_retries=1, tool_command="if [ -f '{{attemptFile}}' ]; then echo ok; else touch '{{attemptFile}}'; exit 1; fi"]
            start -> flaky -> exit
        }
        """;

    /// <summary>Routes on <c>context.mode</c>, which only <c>--set</c> can provide.</summary>
    public const string RouteOnSetting = """
        digraph Route {
            start [shape=Mdiamond]
            exit  [shape=Msquare]
            route [shape=diamond, label="Fast?"]
            fast  [prompt="Go fast"]
            slow  [prompt="Go slow"]
            start -> route
            route -> fast [condition="context.mode=fast"]
            route -> slow [condition="context.mode!=fast"]
            fast -> exit
            slow -> exit
        }
        """;

    /// <summary>
    /// <c>first</c> and <c>second</c> append their ID to <paramref name="marker"/>; <c>slow</c> appends its ID
    /// and its shell's PID (its process group, since tools run under setsid) to <paramref name="marker"/> and
    /// then sleeps unless <paramref name="flag"/> exists; <c>last</c> appends its ID.
    /// </summary>
    public static string Interruptible(string marker, string flag) => $$"""
        digraph Interruptible {
            start  [shape=Mdiamond]
            exit   [shape=Msquare]
            first  [shape=parallelogram, tool_command="echo first >> '{{marker}}'"]
            second [shape=parallelogram, tool_command="echo second >> '{{marker}}'"]
            slow   [shape=parallelogram, tool_command="echo \"slow $$\" >> '{{marker}}'; if [ ! -f '{{flag}}' ]; then sleep 30; fi"]
            last   [shape=parallelogram, tool_command="echo last >> '{{marker}}'"]
            start -> first -> second -> slow -> last -> exit
        }
        """;
}
