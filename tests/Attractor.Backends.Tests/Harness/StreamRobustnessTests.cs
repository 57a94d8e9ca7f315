// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness;

public sealed class StreamRobustnessTests
{
    private static readonly string[] Garbage =
    [
        "not json at all",
        "[1,2,3]",
        "{\"no_type\":true}",
        "{\"type\":\"brand_new_event\",\"x\":1}",
        "{\"type\":\"assistant\",\"message\":\"a string instead of an object\"}",
        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":5}]}}",
        "{\"type\":\"user\",\"message\":{\"content\":{}}}",
        "{\"type\":\"item.completed\",\"item\":{\"type\":\"agent_message\",\"text\":5}}",
        "{\"type\":\"item.completed\",\"item\":{\"type\":\"future_item\"}}",
        "{\"type\":\"message\",\"role\":\"assistant\",\"content\":null}",
        "{\"type\":\"tool_use\"}",
        "{\"type\":\"result\",\"usage\":\"none\",\"stats\":[]}",
        "{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"delta\":7}}",
        "{\"type\":\"result\",\"total_cost_usd\":\"free\"}",
        "{\"type\":",
        "",
    ];

    public static TheoryData<string> CliNames => [HarnessBackend.ClaudeCodeName, HarnessBackend.CodexName, HarnessBackend.GeminiCliName];

    [Theory]
    [MemberData(nameof(CliNames))]
    public void Malformed_and_unknown_lines_never_throw_and_unknown_types_are_passed_through(string name)
    {
        CodingCli cli = name switch
        {
            HarnessBackend.ClaudeCodeName => new ClaudeCodeCli(),
            HarnessBackend.CodexName => new CodexCli(),
            _ => new GeminiCli(),
        };

        var (events, _) = Fixtures.ParseLines(cli, Garbage);

        var notices = events.OfType<BackendNotice>().ToList();
        Assert.Contains(notices, n => n.EventType == "text" && n.Raw == "not json at all");
        Assert.Contains(notices, n => n.EventType == "brand_new_event");
        Assert.Contains(notices, n => n.EventType == "unknown" && n.Raw == "[1,2,3]");
        Assert.All(events, e => Assert.Equal(name, e.Source.Backend));
    }
}
