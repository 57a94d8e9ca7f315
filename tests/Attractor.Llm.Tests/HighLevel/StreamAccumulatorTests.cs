// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.HighLevel;

public sealed class StreamAccumulatorTests
{
    [Fact]
    public void Events_without_a_final_response_are_assembled_into_one()
    {
        var accumulator = new StreamAccumulator("openai", "gpt-5.2");
        StreamEvent[] events =
        [
            new(StreamEventType.StreamStart) { Warnings = [new Warning("w")] },
            new(StreamEventType.ReasoningStart),
            new(StreamEventType.ReasoningDelta) { ReasoningDelta = "think " },
            new(StreamEventType.ReasoningDelta) { ReasoningDelta = "hard" },
            new(StreamEventType.ReasoningEnd),
            new(StreamEventType.TextStart) { TextId = "a" },
            new(StreamEventType.TextDelta) { TextId = "a", Delta = "Hel" },
            new(StreamEventType.TextStart) { TextId = "b" },
            new(StreamEventType.TextDelta) { TextId = "b", Delta = "[b]" },
            new(StreamEventType.TextDelta) { TextId = "a", Delta = "lo" },
            new(StreamEventType.TextEnd) { TextId = "a" },
            new(StreamEventType.TextEnd) { TextId = "b" },
            new(StreamEventType.ToolCallStart) { ToolCall = new ToolCall("c1", "search", default, null) },
            new(StreamEventType.ToolCallDelta) { ToolCall = new ToolCall("c1", "search", default, null), Delta = "{\"q\":" },
            new(StreamEventType.ToolCallDelta) { ToolCall = new ToolCall("c1", "search", default, null), Delta = "\"x\"}" },
            new(StreamEventType.ToolCallEnd) { ToolCall = new ToolCall("c1", "search", default, null) },
            new(StreamEventType.Finish) { FinishReason = new FinishReason(FinishReason.ToolCalls), Usage = Fake.Usage(3, 4) },
        ];
        foreach (var item in events)
        {
            accumulator.Process(item);
        }

        var response = accumulator.GetResponse();

        Assert.True(accumulator.IsFinished);
        Assert.Equal(("openai", "gpt-5.2"), (response.Provider, response.Model));
        Assert.Equal("Hello[b]", response.Text);
        Assert.Equal("think hard", response.Reasoning);
        var call = Assert.Single(response.ToolCalls);
        Assert.Equal(("c1", "search", "x"), (call.Id, call.Name, call.Arguments.GetProperty("q").GetString()));
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason.Reason);
        Assert.Equal(7, response.Usage.TotalTokens);
        Assert.Equal("w", Assert.Single(response.Warnings).Message);
    }

    [Fact]
    public void A_final_response_from_the_adapter_wins_because_it_carries_signatures()
    {
        var final = new Response
        {
            Id = "msg_1",
            Model = "claude-opus-4-6",
            Provider = "anthropic",
            Message = new Message(Role.Assistant, [ContentPart.FromThinking(new ThinkingData("plan", "sig-123")), ContentPart.FromText("Answer")]),
            FinishReason = new FinishReason(FinishReason.Stop, "end_turn"),
            Usage = Fake.Usage(5, 5),
        };
        var accumulator = new StreamAccumulator();
        accumulator.Process(new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = "plan" });
        accumulator.Process(new StreamEvent(StreamEventType.TextDelta) { Delta = "Answer" });
        accumulator.Process(new StreamEvent(StreamEventType.Finish) { Response = final });

        Assert.Same(final, accumulator.GetResponse());
        Assert.Equal("sig-123", accumulator.GetResponse().Message.Content[0].Thinking!.Signature);
        Assert.Equal("Answer", accumulator.Assemble().Text);
    }

    [Fact]
    public void Deltas_without_start_events_and_a_tool_call_ending_with_its_full_arguments_are_handled()
    {
        var accumulator = new StreamAccumulator();
        accumulator.Process(new StreamEvent(StreamEventType.TextDelta) { Delta = "a" });
        accumulator.Process(new StreamEvent(StreamEventType.TextDelta) { Delta = "b" });
        Assert.Equal("ab", accumulator.GetResponse().Text);
        Assert.False(accumulator.IsFinished);

        accumulator.Process(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(new ToolCallData("c9", "now", "{}")) });
        var response = accumulator.GetResponse();

        Assert.Equal("c9", Assert.Single(response.ToolCalls).Id);
        Assert.Equal(FinishReason.Other, response.FinishReason.Reason);
    }

    [Fact]
    public void Error_events_are_recorded()
    {
        var accumulator = new StreamAccumulator();
        var error = new StreamException("cut");

        accumulator.Process(new StreamEvent(StreamEventType.Error) { Error = error });

        Assert.Same(error, accumulator.Error);
    }
}
