// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Executes a tool call. Return a string (sent as is) or any JSON-serializable value (sent as JSON); throw to
/// report a failure — the exception's message goes back to the model as an error result.
/// </summary>
/// <param name="invocation">The validated arguments, the call id and the conversation so far.</param>
/// <param name="cancellationToken">Cancels the execution (the caller cancelled or a timeout expired).</param>
/// <returns>The tool's output.</returns>
public delegate ValueTask<object?> ToolHandler(ToolInvocation invocation, CancellationToken cancellationToken);
