// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Llm;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// A scripted session of N model calls: calls 1..N-1 each request tools, call N answers with text (natural
/// completion). The tools carry the core tools' names and schemas, so arguments are validated against the real schemas
/// and outputs truncated with the spec's per-tool limits, but their executors return prepared text at once, so the
/// measurement is dispatch and truncation, not file or process I/O.
/// </summary>
public static class LoopScript
{
    /// <summary>read_file of a log: 120,000 characters in 2,000 lines, cut to 50,000 characters (head and tail).</summary>
    public static readonly string LargeFile = Lines(2_000, 59, "log");

    /// <summary>read_file of a source file: 2,400 characters, not truncated.</summary>
    public static readonly string SmallFile = Lines(40, 59, "src");

    /// <summary>shell: 60,000 characters in 1,000 lines, cut to 30,000 characters, then to 256 lines.</summary>
    public static readonly string ShellOutput = Lines(1_000, 59, "out");

    /// <summary>grep: 40,000 characters in 400 lines, cut to the last 20,000 characters, then to 200 lines.</summary>
    public static readonly string GrepOutput = Lines(400, 99, "src/Module.cs:12:");

    /// <summary>glob: 50 paths, not truncated.</summary>
    public static readonly string GlobOutput = Lines(50, 39, "/repo/src/");

    /// <summary>The system prompt: about the size of a profile's prompt with its project documents (12,000 characters).</summary>
    public static readonly string SystemPrompt = Lines(200, 59, "You are a coding agent.");

    /// <summary>The tools a session offers: the core tools' definitions with instant executors.</summary>
    public static ToolRegistry Tools()
    {
        var registry = new ToolRegistry();
        foreach (var tool in CoreTools.All())
        {
            registry.Register(tool with { Executor = (arguments, _, _) => Task.FromResult(Output(tool.Name, arguments)) });
        }

        return registry;
    }

    /// <summary>Builds the responses of a session of <paramref name="modelCalls"/> calls.</summary>
    /// <param name="modelCalls">The number of model calls, at least 1.</param>
    /// <returns>The responses in call order.</returns>
    public static IReadOnlyList<Response> Responses(int modelCalls)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modelCalls, 1);
        var responses = new List<Response>(modelCalls);
        for (var call = 1; call < modelCalls; call++)
        {
            var text = "Turn " + call.ToString(CultureInfo.InvariantCulture) + ": looking at the next part of the build output before changing the parser.";
            responses.Add(Respond(call, text, ToolCalls(call)));
        }

        responses.Add(Respond(modelCalls, "Done: the parser handles the new syntax and every test passes.", []));
        return responses;
    }

    /// <summary>The calls of one round, in a cycle of four: shell, read_file (large), grep, then glob and read_file (small) in parallel.</summary>
    private static ToolCallData[] ToolCalls(int call)
    {
        var n = call.ToString(CultureInfo.InvariantCulture);
        return (call % 4) switch
        {
            1 => [new("call_" + n, "shell", $$"""{"command":"dotnet test --filter Parser{{n}}","timeout_ms":60000}""")],
            2 => [new("call_" + n, "read_file", $$"""{"file_path":"/repo/artifacts/test-{{n}}.log"}""")],
            3 => [new("call_" + n, "grep", $$"""{"pattern":"Parse[A-Z]\\w+{{n}}","path":"/repo/src","glob_filter":"*.cs"}""")],
            _ =>
            [
                new("call_" + n + "a", "glob", $$"""{"pattern":"src/**/Parser{{n}}*.cs"}"""),
                new("call_" + n + "b", "read_file", $$"""{"file_path":"/repo/src/Parser{{n}}.cs","offset":1,"limit":200}"""),
            ],
        };
    }

    /// <summary>The events a provider streams for a response: its text in deltas of a few words, each tool call's arguments in two deltas, then the finish with the response.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The events.</returns>
    public static IReadOnlyList<StreamEvent> Stream(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var events = new List<StreamEvent> { new(StreamEventType.StreamStart), new(StreamEventType.TextStart) { TextId = "t" } };
        var words = response.Text.Split(' ');
        for (var i = 0; i < words.Length; i += 3)
        {
            var delta = string.Join(' ', words.Skip(i).Take(3)) + (i + 3 < words.Length ? " " : string.Empty);
            events.Add(new StreamEvent(StreamEventType.TextDelta) { TextId = "t", Delta = delta });
        }

        events.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = "t" });
        foreach (var call in response.ToolCalls)
        {
            var pending = call with { Arguments = default, RawArguments = null };
            var half = call.RawArguments!.Length / 2;
            events.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = pending });
            events.Add(new StreamEvent(StreamEventType.ToolCallDelta) { ToolCall = pending, Delta = call.RawArguments[..half] });
            events.Add(new StreamEvent(StreamEventType.ToolCallDelta) { ToolCall = pending, Delta = call.RawArguments[half..] });
            events.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = call });
        }

        events.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = response.FinishReason, Usage = response.Usage, Response = response });
        return events;
    }

    private static Response Respond(int call, string text, ToolCallData[] calls)
    {
        var parts = new List<ContentPart> { ContentPart.FromText(text) };
        parts.AddRange(calls.Select(ContentPart.FromToolCall));
        return new Response
        {
            Id = "resp_" + call.ToString(CultureInfo.InvariantCulture),
            Model = "bench-model",
            Provider = InstantAdapter.ProviderName,
            Message = new Message(Role.Assistant, parts),
            FinishReason = new FinishReason(calls.Length == 0 ? FinishReason.Stop : FinishReason.ToolCalls),
            Usage = new Usage { InputTokens = 1_000 * call, OutputTokens = 60, TotalTokens = (1_000 * call) + 60 },
        };
    }

    private static ToolOutput Output(string tool, System.Text.Json.JsonElement arguments) => tool switch
    {
        "shell" => ToolOutput.Success(ShellOutput),
        "grep" => ToolOutput.Success(GrepOutput),
        "glob" => ToolOutput.Success(GlobOutput),
        "read_file" when arguments.GetProperty("file_path").GetString()!.EndsWith(".log", StringComparison.Ordinal) => ToolOutput.Success(LargeFile),
        "read_file" => ToolOutput.Success(SmallFile),
        _ => ToolOutput.Error("The benchmark script does not call " + tool + "."),
    };

    private static string Lines(int count, int width, string prefix)
    {
        var builder = new StringBuilder(count * (width + 1));
        for (var i = 1; i <= count; i++)
        {
            var start = builder.Length;
            builder.Append(prefix).Append(' ').Append(i.ToString(CultureInfo.InvariantCulture)).Append(' ');
            while (builder.Length - start < width)
            {
                builder.Append("lorem ipsum ");
            }

            builder.Length = start + width;
            builder.Append('\n');
        }

        return builder.ToString();
    }
}
