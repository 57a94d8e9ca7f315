// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>
/// The tools a session offers (spec §3.8) and the pipeline that runs a call: look up, validate the arguments against
/// the schema, execute, truncate. Failures at any step become error results for the model, never exceptions.
/// </summary>
/// <remarks>Thread-safe: parallel tool calls may be dispatched concurrently.</remarks>
public sealed class ToolRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentTool> _tools = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Adds a tool, replacing a tool of the same name (a custom tool overrides a profile's).</summary>
    /// <param name="tool">The tool.</param>
    public void Register(AgentTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        lock (_gate)
        {
            if (!_tools.ContainsKey(tool.Name))
            {
                _order.Add(tool.Name);
            }

            _tools[tool.Name] = tool;
        }
    }

    /// <summary>Removes a tool.</summary>
    /// <param name="name">The tool name.</param>
    /// <returns><see langword="true"/> when a tool was removed.</returns>
    public bool Unregister(string name)
    {
        lock (_gate)
        {
            _ = _order.Remove(name);
            return _tools.Remove(name);
        }
    }

    /// <summary>Gets a tool by name.</summary>
    /// <param name="name">The tool name.</param>
    /// <returns>The tool, or null when none is registered under the name.</returns>
    public AgentTool? Get(string name)
    {
        lock (_gate)
        {
            return _tools.GetValueOrDefault(name);
        }
    }

    /// <summary>Gets the tool names in registration order.</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> Names()
    {
        lock (_gate)
        {
            return [.. _order];
        }
    }

    /// <summary>Gets the definitions to send to the model, in registration order.</summary>
    /// <returns>The definitions.</returns>
    public IReadOnlyList<ToolDefinition> Definitions()
    {
        lock (_gate)
        {
            return [.. _order.Select(name => _tools[name].Definition)];
        }
    }

    /// <summary>Runs a tool call: lookup, schema validation, execution and truncation.</summary>
    /// <param name="call">The call from the model.</param>
    /// <param name="environment">Where the tool runs.</param>
    /// <param name="limits">Output limits, or null for <see cref="ToolOutputLimits.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the execution; the only way this method throws.</param>
    /// <returns>The result, with the truncated output for the model and the full output for events.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ToolExecutionResult> ExecuteAsync(ToolCall call, IExecutionEnvironment environment, ToolOutputLimits? limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(environment);
        var output = await RunAsync(call, environment, cancellationToken).ConfigureAwait(false);
        var truncated = ToolOutputTruncator.Truncate(output.Text, call.Name, limits);
        return new ToolExecutionResult(call.Id, call.Name, truncated, output.Text, output.IsError);
    }

    private async Task<ToolOutput> RunAsync(ToolCall call, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var tool = Get(call.Name);
        if (tool is null)
        {
            var names = Names();
            return ToolOutput.Error($"Unknown tool '{call.Name}'. Available tools: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}.");
        }

        if (call.Arguments.ValueKind == JsonValueKind.Undefined)
        {
            return ToolOutput.Error($"Invalid arguments for tool '{call.Name}': not valid JSON: {call.RawArguments}");
        }

        var errors = JsonSchemaValidator.Validate(tool.Definition.Parameters, call.Arguments);
        if (errors.Count > 0)
        {
            return ToolOutput.Error($"Invalid arguments for tool '{call.Name}': {string.Join("; ", errors)}");
        }

        try
        {
            return await tool.Executor(call.Arguments, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a tool is reported to the model, which can recover (spec Appendix B).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ToolOutput.Error($"Tool '{call.Name}' failed: {exception.Message}");
        }
    }
}
