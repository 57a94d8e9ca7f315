// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>Appendix C as the engine applies it: status.json per stage, external status files, auto_status.</summary>
public sealed class StatusFileContractTests
{
    private const string Pipeline = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          work; next; onfail
          start -> work -> next -> exit
          work -> onfail [condition="outcome=fail"]
          onfail -> exit
        }
        """;

    private static JsonObject Status(PipelineResult result, string node) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(result.LogsRoot, node, "status.json")))!.AsObject();

    [Fact]
    public async Task Engine_writes_the_outcome_to_status_json()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", new Outcome(StageStatus.Success) { Notes = "did it", PreferredLabel = "next", ContextUpdates = new Dictionary<string, object?> { ["k"] = "v" } });
        var result = await kit.RunAsync(Pipeline);
        var status = Status(result, "work");
        Assert.Equal("success", (string?)status["outcome"]);
        Assert.Equal("did it", (string?)status["notes"]);
        Assert.Equal("next", (string?)status["preferred_label"]);
        Assert.Equal("v", (string?)status["context_updates"]!["k"]);
    }

    [Fact]
    public async Task Status_json_written_by_an_external_tool_is_honoured()
    {
        using var kit = new EngineTestKit();
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(stage =>
        {
            if (stage.Node.Id == "work")
            {
                // What an agent or script run by the handler would leave behind.
                File.WriteAllText(Path.Combine(stage.StageDirectory, "status.json"), """
                    {"outcome": "fail", "failure_reason": "lint errors", "context_updates": {"lint.errors": 3}, "notes": "from the tool"}
                    """);
            }

            return Outcome.Success("handler thinks it went fine");
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(Pipeline));
        Assert.Equal(["start", "work", "onfail"], result.CompletedNodes);
        Assert.Equal("3", result.Context.GetString("lint.errors"));
        Assert.Equal("fail", (string?)Status(result, "work")["outcome"]);
    }

    [Fact]
    public async Task A_stale_status_json_from_an_earlier_attempt_is_not_reused()
    {
        using var kit = new EngineTestKit();
        var attempts = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(stage =>
        {
            if (stage.Node.Id == "work" && ++attempts == 1)
            {
                File.WriteAllText(Path.Combine(stage.StageDirectory, "status.json"), "{\"outcome\": \"fail\", \"failure_reason\": \"first try\"}");
            }

            return Outcome.Success();
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(Pipeline.Replace("work;", "work [max_retries=1];", StringComparison.Ordinal)));
        Assert.Equal(2, attempts);
        Assert.Equal(["start", "work", "next"], result.CompletedNodes);
        Assert.Equal("success", (string?)Status(result, "work")["outcome"]);
    }

    [Fact]
    public async Task Auto_status_synthesizes_success_when_the_handler_wrote_no_status()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", new Outcome(StageStatus.PartialSuccess) { Notes = "handler notes" });
        var result = await kit.RunAsync(Pipeline.Replace("work;", "work [auto_status=true];", StringComparison.Ordinal));
        var status = Status(result, "work");
        Assert.Equal("success", (string?)status["outcome"]);
        Assert.Equal("auto-status: handler completed without writing status", (string?)status["notes"]);
    }

    [Fact]
    public async Task Auto_status_does_not_hide_an_explicit_failure()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", Outcome.Fail("really broken"));
        var result = await kit.RunAsync(Pipeline.Replace("work;", "work [auto_status=true];", StringComparison.Ordinal));
        Assert.Equal("fail", (string?)Status(result, "work")["outcome"]);
        Assert.Contains("onfail", result.CompletedNodes);
    }
}
