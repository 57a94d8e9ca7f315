// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// A tool the model may call: a <see cref="ToolDefinition"/> plus an optional handler. With a handler the tool is
/// active (the high-level API executes calls and loops); without one it is passive (calls are returned to you).
/// </summary>
public sealed class Tool
{
    /// <summary>Initializes a tool from a definition.</summary>
    /// <param name="definition">The name, description and parameter schema.</param>
    /// <param name="execute">The handler; null makes the tool passive.</param>
    public Tool(ToolDefinition definition, ToolHandler? execute = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Execute = execute;
    }

    /// <summary>Initializes a tool.</summary>
    /// <param name="name">The name: <c>[a-zA-Z][a-zA-Z0-9_]*</c>, at most 64 characters.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="parameters">The JSON Schema of the arguments; its root must be <c>"type": "object"</c>.</param>
    /// <param name="execute">The handler; null makes the tool passive.</param>
    public Tool(string name, string description, JsonElement parameters, ToolHandler? execute = null)
        : this(new ToolDefinition(name, description, parameters), execute)
    {
    }

    /// <summary>Gets the definition sent to the provider.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>Gets the handler; null for passive tools.</summary>
    public ToolHandler? Execute { get; }

    /// <summary>Gets the name.</summary>
    public string Name => Definition.Name;

    /// <summary>Gets the description.</summary>
    public string Description => Definition.Description;

    /// <summary>Gets the parameter schema.</summary>
    public JsonElement Parameters => Definition.Parameters;

    /// <summary>Gets whether the tool has a handler.</summary>
    public bool IsActive => Execute is not null;

    /// <summary>Creates an active tool whose handler reads the arguments as a <see cref="JsonElement"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="parameters">The JSON Schema of the arguments, as JSON text.</param>
    /// <param name="execute">The handler.</param>
    /// <returns>The tool.</returns>
    public static Tool Create(string name, string description, string parameters, ToolHandler execute)
    {
        ArgumentNullException.ThrowIfNull(execute);
        return new Tool(name, description, ParseSchema(parameters), execute);
    }

    /// <summary>Creates an active tool whose arguments are deserialized into <typeparamref name="TArgs"/>.</summary>
    /// <typeparam name="TArgs">The argument type (System.Text.Json, web defaults: camelCase, case-insensitive).</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="parameters">The JSON Schema of the arguments, as JSON text.</param>
    /// <param name="execute">The handler: receives the arguments and the invocation (call id, messages).</param>
    /// <param name="serializerOptions">Options for reading the arguments; null means <see cref="JsonSerializerDefaults.Web"/>.</param>
    /// <returns>The tool.</returns>
    public static Tool Create<TArgs>(
        string name,
        string description,
        string parameters,
        Func<TArgs, ToolInvocation, CancellationToken, ValueTask<object?>> execute,
        JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(execute);
        var options = serializerOptions ?? WebOptions;
        return new Tool(name, description, ParseSchema(parameters), (invocation, cancellationToken) =>
        {
            // Arguments were validated against the schema already; a type mismatch here is the caller's model bug.
            var args = invocation.Arguments.Deserialize<TArgs>(options)
                ?? throw new InvalidToolCallException($"The arguments of tool '{name}' deserialized to null.");
            return execute(args, invocation, cancellationToken);
        });
    }

    /// <summary>Creates an active tool with a typed, synchronous-looking handler that ignores the invocation context.</summary>
    /// <typeparam name="TArgs">The argument type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="parameters">The JSON Schema of the arguments, as JSON text.</param>
    /// <param name="execute">The handler.</param>
    /// <returns>The tool.</returns>
    public static Tool Create<TArgs>(string name, string description, string parameters, Func<TArgs, CancellationToken, Task<object?>> execute)
    {
        ArgumentNullException.ThrowIfNull(execute);
        return Create<TArgs>(name, description, parameters, (args, _, cancellationToken) => new ValueTask<object?>(execute(args, cancellationToken)));
    }

    /// <summary>Creates a passive tool: its calls are returned to the caller instead of being executed.</summary>
    /// <param name="name">The name.</param>
    /// <param name="description">What the tool does.</param>
    /// <param name="parameters">The JSON Schema of the arguments, as JSON text.</param>
    /// <returns>The tool.</returns>
    public static Tool Passive(string name, string description, string parameters) => new(name, description, ParseSchema(parameters));

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({(IsActive ? "active" : "passive")})";

    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    private static JsonElement ParseSchema(string parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameters);
        using var document = JsonDocument.Parse(parameters);
        return document.RootElement.Clone();
    }
}
