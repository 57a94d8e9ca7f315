// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines;

/// <summary>
/// Maps handler type strings to handlers (attractor-spec §4.2). Resolution: the node's explicit
/// <c>type</c> when registered → the handler for its shape (§2.8) → the default handler
/// (<c>codergen</c> unless <see cref="DefaultHandler"/> is set). Thread-safe.
/// </summary>
public sealed class HandlerRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, INodeHandler> _handlers = new(StringComparer.Ordinal);
    private INodeHandler? _defaultHandler;

    /// <summary>Gets or sets the fallback handler; null means whatever is registered as <c>codergen</c>.</summary>
    public INodeHandler? DefaultHandler
    {
        get
        {
            lock (_gate)
            {
                return _defaultHandler;
            }
        }

        set
        {
            lock (_gate)
            {
                _defaultHandler = value;
            }
        }
    }

    /// <summary>Gets the registered type strings, sorted.</summary>
    public IReadOnlyList<string> RegisteredTypes
    {
        get
        {
            lock (_gate)
            {
                return [.. _handlers.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Registers a handler for a type string; registering a type again replaces the earlier handler.</summary>
    /// <param name="type">The type string, e.g. <c>wait.human</c> or <c>my.custom</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This registry, for chaining.</returns>
    public HandlerRegistry Register(string type, INodeHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers[type.Trim()] = handler;
        }

        return this;
    }

    /// <summary>Returns whether a handler is registered for the type string.</summary>
    public bool IsRegistered(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            return _handlers.ContainsKey(type);
        }
    }

    /// <summary>Resolves the handler for a node, or returns false when nothing (not even a default) applies.</summary>
    public bool TryResolve(PipelineNode node, [MaybeNullWhen(false)] out INodeHandler handler)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            if (node.Type.Length > 0 && _handlers.TryGetValue(node.Type, out var explicitHandler))
            {
                handler = explicitHandler;
                return true;
            }

            if (HandlerTypes.ForShape(node.Shape) is { } shapeType && _handlers.TryGetValue(shapeType, out var shapeHandler))
            {
                handler = shapeHandler;
                return true;
            }

            if ((_defaultHandler ?? _handlers.GetValueOrDefault(HandlerTypes.Codergen)) is { } fallback)
            {
                handler = fallback;
                return true;
            }

            handler = null;
            return false;
        }
    }

    /// <summary>Resolves the handler for a node.</summary>
    /// <exception cref="InvalidOperationException">No handler is registered for the node's type, its shape, or as the default.</exception>
    public INodeHandler Resolve(PipelineNode node)
    {
        if (TryResolve(node, out var handler))
        {
            return handler;
        }

        throw new InvalidOperationException(
            $"No handler for node '{node.Id}' (type '{node.HandlerType}', shape '{node.Shape}'): nothing is registered for that type, "
            + $"its shape, or as the default '{HandlerTypes.Codergen}' handler. Register one with HandlerRegistry.Register or PipelineRunOptions.Handlers.");
    }
}
