// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>The built-in handler types and the shape-to-type table of attractor-spec §2.8.</summary>
public static class HandlerTypes
{
    /// <summary>Pipeline entry point.</summary>
    public const string Start = "start";

    /// <summary>Pipeline exit point.</summary>
    public const string Exit = "exit";

    /// <summary>LLM task.</summary>
    public const string Codergen = "codergen";

    /// <summary>Human-in-the-loop gate.</summary>
    public const string WaitHuman = "wait.human";

    /// <summary>Routing point.</summary>
    public const string Conditional = "conditional";

    /// <summary>Parallel fan-out.</summary>
    public const string Parallel = "parallel";

    /// <summary>Parallel fan-in.</summary>
    public const string FanIn = "parallel.fan_in";

    /// <summary>External tool.</summary>
    public const string Tool = "tool";

    /// <summary>Supervisor loop over a child pipeline.</summary>
    public const string ManagerLoop = "stack.manager_loop";

    /// <summary>Gets every built-in handler type.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = new[] { Start, Exit, Codergen, WaitHuman, Conditional, Parallel, FanIn, Tool, ManagerLoop };

    /// <summary>Gets the shape-to-handler-type table.</summary>
    public static IReadOnlyDictionary<string, string> ByShape { get; } = new Dictionary<string, string>(System.StringComparer.Ordinal)
    {
        ["Mdiamond"] = Start,
        ["Msquare"] = Exit,
        ["box"] = Codergen,
        ["hexagon"] = WaitHuman,
        ["diamond"] = Conditional,
        ["component"] = Parallel,
        ["tripleoctagon"] = FanIn,
        ["parallelogram"] = Tool,
        ["house"] = ManagerLoop,
    };

    /// <summary>Returns whether the type is one of the built-in handler types.</summary>
    public static bool IsBuiltIn(string type)
    {
        foreach (var builtIn in BuiltIn)
        {
            if (string.Equals(builtIn, type, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the handler type for a shape, or null when the shape has no mapping.</summary>
    public static string? ForShape(string shape) => ByShape.TryGetValue(shape, out var type) ? type : null;
}
