// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// Executes the tool calls of one response: all concurrently, results in call order, failures (unknown tool, bad
/// arguments, handler exceptions) as error results so the model can recover.
/// </summary>
internal static class ToolExecutor
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<ToolResult>> ExecuteAllAsync(
        IReadOnlyList<ToolCall> calls,
        IReadOnlyDictionary<string, Tool> tools,
        IReadOnlyList<Message> messages,
        ToolCallRepair? repair,
        CancellationToken cancellationToken)
    {
        var tasks = new Task<ToolResult>[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];

            // Task.Run: a handler that blocks synchronously must not hold up the others.
            tasks[i] = Task.Run(() => ExecuteAsync(call, tools, messages, repair, cancellationToken), cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public static async Task<ToolResult> ExecuteAsync(
        ToolCall call,
        IReadOnlyDictionary<string, Tool> tools,
        IReadOnlyList<Message> messages,
        ToolCallRepair? repair,
        CancellationToken cancellationToken)
    {
        if (!tools.TryGetValue(call.Name, out var tool) || tool.Execute is not { } execute)
        {
            var known = tools.Count == 0 ? "none" : string.Join(", ", tools.Keys.Order(StringComparer.Ordinal));
            return Error(call, $"Unknown tool: {call.Name}. Available tools: {known}.");
        }

        var errors = Check(tool, call);
        if (errors.Count > 0 && repair is not null)
        {
            JsonElement? repaired;
            try
            {
                repaired = await repair(new ToolCallRepairContext(call, tool, errors, messages), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                // A failing repair is a failed repair: the model still gets an error result, the loop goes on.
                errors.Add($"repairing the call failed: {error.Message}");
                repaired = null;
            }

            if (repaired is { } arguments)
            {
                call = call with { Arguments = arguments.Clone(), RawArguments = arguments.GetRawText() };
                errors = Check(tool, call);
            }
        }

        if (errors.Count > 0)
        {
            return Error(call, $"Invalid arguments for tool {call.Name}: {string.Join("; ", errors)}");
        }

        try
        {
            var output = await execute(new ToolInvocation(call, messages), cancellationToken).ConfigureAwait(false);
            return new ToolResult(call.Id, ToJson(output));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            return Error(call, $"Tool {call.Name} failed: {error.Message}");
        }
    }

    /// <summary>Converts a handler's output: strings stay strings, everything else becomes JSON.</summary>
    internal static JsonElement ToJson(object? output) => output switch
    {
        null => JsonSerializer.SerializeToElement<object?>(null),
        string text => JsonSerializer.SerializeToElement(text),
        JsonElement element => element.Clone(),
        JsonDocument document => document.RootElement.Clone(),
        JsonNode node => JsonSerializer.SerializeToElement(node),
        _ => JsonSerializer.SerializeToElement(output, output.GetType(), WebOptions),
    };

    private static List<string> Check(Tool tool, ToolCall call)
    {
        if (call.Arguments.ValueKind == JsonValueKind.Undefined)
        {
            return [$"the arguments are not valid JSON ({SyntaxError(call.RawArguments)})"];
        }

        return [.. JsonSchemaValidator.Validate(tool.Parameters, call.Arguments).Select(e => e.ToString())];
    }

    private static string SyntaxError(string? raw)
    {
        try
        {
            using var _ = JsonDocument.Parse(raw ?? string.Empty);
            return "unparsable";
        }
        catch (JsonException error)
        {
            return error.Message;
        }
    }

    private static ToolResult Error(ToolCall call, string message) =>
        new(call.Id, JsonSerializer.SerializeToElement(message), IsError: true);
}
