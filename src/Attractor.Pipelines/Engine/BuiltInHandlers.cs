// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines;

/// <summary>Registers the built-in handlers of attractor-spec §4 under their type strings.</summary>
public static class BuiltInHandlers
{
    /// <summary>Registers every built-in handler; later registrations (custom handlers) replace them.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The registry, for chaining.</returns>
    public static HandlerRegistry RegisterAll(HandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Register(HandlerTypes.Start, new StartHandler())
            .Register(HandlerTypes.Exit, new ExitHandler())
            .Register(HandlerTypes.Codergen, new CodergenHandler())
            .Register(HandlerTypes.Conditional, new ConditionalHandler())
            .Register(HandlerTypes.Tool, new ToolHandler())
            .Register(HandlerTypes.WaitHuman, new WaitForHumanHandler())
            .Register(HandlerTypes.Parallel, new ParallelHandler())
            .Register(HandlerTypes.FanIn, new FanInHandler())
            .Register(HandlerTypes.ManagerLoop, new ManagerLoopHandler());
    }
}
