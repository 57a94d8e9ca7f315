// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// Turns Chat Completions chunks into unified events: <c>delta.content</c> → text, <c>delta.reasoning_content</c>
/// → reasoning, <c>delta.tool_calls[index]</c> accumulated per index, the usage chunk, and <c>[DONE]</c> (or a clean
/// end after a finish reason) → the final events. Not thread-safe: one decoder per stream.
/// </summary>
internal sealed class ChatCompletionsStreamDecoder(string provider, SecretRedactor redactor, IReadOnlyList<Warning> warnings, RateLimitInfo? rateLimit)
    : IOpenAIStreamDecoder<ChatCompletionsChunk>
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder reasoning = new();
    private readonly List<CallState> calls = [];
    private string id = string.Empty;
    private string model = string.Empty;
    private string? finishReason;
    private Usage? usage;
    private bool started;
    private bool textOpen;
    private bool reasoningOpen;

    /// <summary>Gets whether the stream reached its end (<c>[DONE]</c>) or failed.</summary>
    public bool Finished { get; private set; }

    /// <summary>Gets the error the stream reported.</summary>
    public LlmException? Failure { get; private set; }

    /// <summary>Processes a chunk and disposes its document.</summary>
    public void Process(in ChatCompletionsChunk chunk, List<StreamEvent> output)
    {
        using var document = chunk.Document;
        if (!started)
        {
            started = true;
            output.Add(new StreamEvent(StreamEventType.StreamStart) { Warnings = warnings });
        }

        if (chunk.Done)
        {
            Finish(output);
            return;
        }

        if (document is null)
        {
            Fail(new StreamException($"The {provider} stream sent data that is not JSON."), output);
            return;
        }

        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            Fail(OpenAIWire.StreamError(provider, redactor, error), output);
            return;
        }

        if (id.Length == 0)
        {
            id = OpenAIWire.String(root, "id") ?? string.Empty;
        }

        if (model.Length == 0)
        {
            model = OpenAIWire.String(root, "model") ?? string.Empty;
        }

        usage = ChatCompletionsResponseReader.Usage(root) ?? usage;
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return;
        }

        var choice = choices[0];
        if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
        {
            Delta(delta, output);
        }

        finishReason = OpenAIWire.String(choice, "finish_reason") ?? finishReason;
    }

    /// <summary>
    /// A clean end without <c>[DONE]</c>: servers that omit the sentinel still sent a finish reason, and then the
    /// answer is complete; without one the stream was cut.
    /// </summary>
    public LlmException? EndOfStream(List<StreamEvent> output)
    {
        if (finishReason is null)
        {
            return new StreamException($"The {provider} stream ended without a finish reason or [DONE]; the response is incomplete.");
        }

        Finish(output);
        return null;
    }

    private void Finish(List<StreamEvent> output)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        if (reasoningOpen)
        {
            output.Add(new StreamEvent(StreamEventType.ReasoningEnd));
        }

        if (textOpen)
        {
            output.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = id });
        }

        var data = new List<ToolCallData>(calls.Count);
        foreach (var call in calls)
        {
            var complete = new ToolCallData(call.Id, call.Name, call.Arguments.ToString());
            data.Add(complete);
            output.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(complete) });
        }

        var response = ChatCompletionsResponseReader.Build(
            id, model, provider, reasoning.Length > 0 ? reasoning.ToString() : null, text.ToString(), data, finishReason, usage, null, warnings, rateLimit);
        output.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response });
    }

    private void Delta(JsonElement delta, List<StreamEvent> output)
    {
        var reasoningDelta = OpenAIWire.String(delta, "reasoning_content") ?? OpenAIWire.String(delta, "reasoning");
        if (!string.IsNullOrEmpty(reasoningDelta))
        {
            if (!reasoningOpen)
            {
                reasoningOpen = true;
                output.Add(new StreamEvent(StreamEventType.ReasoningStart));
            }

            reasoning.Append(reasoningDelta);
            output.Add(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = reasoningDelta });
        }

        if (OpenAIWire.String(delta, "content") is { Length: > 0 } content)
        {
            if (!textOpen)
            {
                textOpen = true;
                output.Add(new StreamEvent(StreamEventType.TextStart) { TextId = id });
            }

            text.Append(content);
            output.Add(new StreamEvent(StreamEventType.TextDelta) { Delta = content, TextId = id });
        }

        if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                ToolCallDelta(call, output);
            }
        }
    }

    private void ToolCallDelta(JsonElement call, List<StreamEvent> output)
    {
        var index = OpenAIWire.Int(call, "index") ?? calls.Count;
        var function = call.TryGetProperty("function", out var f) ? f : default;
        var state = calls.Find(c => c.Index == index);
        if (state is null)
        {
            state = new CallState(index, OpenAIWire.String(call, "id") ?? $"call_{index}", OpenAIWire.String(function, "name") ?? string.Empty);
            calls.Add(state);
            output.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = new ToolCall(state.Id, state.Name, default, null) });
        }

        if (OpenAIWire.String(function, "arguments") is { Length: > 0 } arguments)
        {
            state.Arguments.Append(arguments);
            output.Add(new StreamEvent(StreamEventType.ToolCallDelta) { Delta = arguments, ToolCall = new ToolCall(state.Id, state.Name, default, null) });
        }
    }

    private void Fail(LlmException error, List<StreamEvent> output)
    {
        Finished = true;
        Failure = error;
        output.Add(new StreamEvent(StreamEventType.Error) { Error = error });
    }

    private sealed class CallState(int index, string id, string name)
    {
        public int Index { get; } = index;

        public string Id { get; } = id;

        public string Name { get; } = name;

        public StringBuilder Arguments { get; } = new();
    }
}
