// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;
using Attractor.Llm.Tests.Interop;

namespace Attractor.Llm.Tests.Telemetry;

public sealed class OpenTelemetryMiddlewareTests
{
    [Fact]
    public async Task A_completion_emits_a_chat_span_and_token_and_duration_histograms_with_GenAI_attributes()
    {
        const string Model = "otel-complete-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter("gemini").Complete(ScriptedAdapter.TextResponse("SECRET-ANSWER", model: Model + "-001", provider: "gemini") with
        {
            Usage = new Usage { InputTokens = 11, OutputTokens = 7, TotalTokens = 18, CacheReadTokens = 4, CacheWriteTokens = 2 },
        });
        using var client = new LlmClientBuilder().AddProvider(adapter).UseOpenTelemetry().Build();

        await client.CompleteAsync(new Request
        {
            Model = Model,
            Messages = [Message.User("SECRET-QUESTION")],
            Temperature = 0.2,
            TopP = 0.8,
            MaxTokens = 50,
            StopSequences = ["STOP"],
            ResponseFormat = ResponseFormat.Json,
        });

        var span = Assert.Single(capture.Activities);
        Assert.Equal("chat " + Model, span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("Attractor.Llm", span.Source.Name);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gcp.gemini", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(0.2, span.GetTagItem("gen_ai.request.temperature"));
        Assert.Equal(0.8, span.GetTagItem("gen_ai.request.top_p"));
        Assert.Equal(50, span.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(["STOP"], (string[])span.GetTagItem("gen_ai.request.stop_sequences")!);
        Assert.Equal("json", span.GetTagItem("gen_ai.output.type"));
        Assert.Equal("resp_1", span.GetTagItem("gen_ai.response.id"));
        Assert.Equal(Model + "-001", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(["stop"], (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(4, span.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(2, span.GetTagItem("gen_ai.usage.cache_creation.input_tokens"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("SECRET", StringComparison.Ordinal) == true);

        var tokens = capture.Of("gen_ai.client.token.usage");
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, m => Assert.Equal("{token}", m.Unit));
        Assert.Equal(11, Assert.Single(tokens, m => (string?)m.Tags["gen_ai.token.type"] == "input").Value);
        Assert.Equal(7, Assert.Single(tokens, m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        var duration = Assert.Single(capture.Of("gen_ai.client.operation.duration"));
        Assert.Equal("s", duration.Unit);
        Assert.True(duration.Value >= 0);
        Assert.Equal("chat", duration.Tags["gen_ai.operation.name"]);
        Assert.Equal("gcp.gemini", duration.Tags["gen_ai.provider.name"]);
        Assert.Equal(Model + "-001", duration.Tags["gen_ai.response.model"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.Empty(capture.Of("gen_ai.client.operation.time_to_first_chunk"));
    }

    [Fact]
    public async Task A_failure_sets_error_type_and_an_error_status_without_the_provider_message()
    {
        const string Model = "otel-failure-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter("anthropic").Fail(new RateLimitException(new ProviderErrorDetails("anthropic", "slow down, you sent SECRET") { StatusCode = 429 }));
        using var client = new LlmClient([adapter], "anthropic", [new OpenTelemetryMiddleware()]);

        await Assert.ThrowsAsync<RateLimitException>(() => client.CompleteAsync(new Request { Model = Model, Messages = [Message.User("x")] }));

        var span = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("Attractor.Llm.RateLimitException", span.GetTagItem("error.type"));
        Assert.Equal("anthropic", span.GetTagItem("gen_ai.provider.name"));
        Assert.DoesNotContain("SECRET", span.StatusDescription ?? string.Empty, StringComparison.Ordinal);
        var duration = Assert.Single(capture.Of("gen_ai.client.operation.duration"));
        Assert.Equal("Attractor.Llm.RateLimitException", duration.Tags["error.type"]);
        Assert.Equal("anthropic", duration.Tags["gen_ai.provider.name"]);
        Assert.Empty(capture.Of("gen_ai.client.token.usage"));
    }

    [Fact]
    public async Task A_stream_span_ends_at_finish_with_time_to_first_chunk_and_usage_from_the_finish_event()
    {
        const string Model = "otel-stream-model";
        using var capture = new TelemetryCapture(Model);
        var response = ScriptedAdapter.TextResponse("Hello", model: Model, provider: "openai");
        var adapter = new ScriptedAdapter("openai").Stream(ScriptedAdapter.TextStream(response, "Hel", "lo"));
        using var client = new LlmClient([adapter], "openai", [new OpenTelemetryMiddleware { DefaultProvider = "openai" }]);

        var seenBeforeFinish = -1;
        await foreach (var streamEvent in client.StreamAsync(new Request { Model = Model, Messages = [Message.User("x")] }))
        {
            if (streamEvent.Type == StreamEventType.TextEnd)
            {
                seenBeforeFinish = capture.Activities.Count;
            }
        }

        Assert.Equal(0, seenBeforeFinish);
        var span = Assert.Single(capture.Activities);
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(["stop"], (string[])span.GetTagItem("gen_ai.response.finish_reasons")!);
        Assert.Equal(11, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.IsType<double>(span.GetTagItem("gen_ai.response.time_to_first_chunk"));
        var firstChunk = Assert.Single(capture.Of("gen_ai.client.operation.time_to_first_chunk"));
        Assert.Equal("s", firstChunk.Unit);
        Assert.Equal(2, capture.Of("gen_ai.client.token.usage").Count);
        Assert.Single(capture.Of("gen_ai.client.operation.duration"));
    }

    [Fact]
    public async Task The_span_is_current_inside_the_adapter_and_does_not_leak_to_the_caller()
    {
        const string Model = "otel-ambient-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter()
            .Complete(ScriptedAdapter.TextResponse("x", model: Model))
            .Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("x", model: Model), "x"));
        using var client = new LlmClient([adapter], "scripted", [new OpenTelemetryMiddleware()]);
        var request = new Request { Model = Model, Messages = [Message.User("x")] };
        var outside = Activity.Current;

        await client.CompleteAsync(request);
        Assert.Same(outside, Activity.Current);
        await foreach (var streamEvent in client.StreamAsync(request))
        {
            Assert.Same(outside, Activity.Current);
        }

        var spans = capture.Activities;
        Assert.Equal(2, spans.Count);
        Assert.Same(spans[0], adapter.AmbientActivities[0]);
        Assert.Same(spans[1], adapter.AmbientActivities[1]);
    }

    [Fact]
    public async Task A_stream_abandoned_by_its_consumer_ends_its_span_without_an_error()
    {
        const string Model = "otel-abandoned-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter().Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("abc", model: Model), "a", "b", "c"));
        using var client = new LlmClient([adapter], "scripted", [new OpenTelemetryMiddleware()]);

        await foreach (var streamEvent in client.StreamAsync(new Request { Model = Model, Messages = [Message.User("x")] }))
        {
            if (streamEvent.Type == StreamEventType.TextDelta)
            {
                break;
            }
        }

        var span = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("gen_ai.response.id"));
        Assert.False(Assert.Single(capture.Of("gen_ai.client.operation.duration")).Tags.ContainsKey("error.type"));
        Assert.Empty(capture.Of("gen_ai.client.token.usage"));
    }

    [Fact]
    public async Task A_stream_that_breaks_records_the_error()
    {
        const string Model = "otel-broken-stream-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter { StreamFailure = new StreamException("cut") }
            .Stream(new StreamEvent(StreamEventType.StreamStart), new StreamEvent(StreamEventType.TextDelta) { Delta = "a" });
        using var client = new LlmClient([adapter], "scripted", [new OpenTelemetryMiddleware()]);

        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var streamEvent in client.StreamAsync(new Request { Model = Model, Messages = [Message.User("x")] }))
            {
                Assert.NotNull(streamEvent);
            }
        });

        var span = Assert.Single(capture.Activities);
        Assert.Equal("Attractor.Llm.StreamException", span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("Attractor.Llm.StreamException", Assert.Single(capture.Of("gen_ai.client.operation.duration")).Tags["error.type"]);
    }

    [Fact]
    public async Task Contents_are_recorded_only_when_sensitive_data_is_enabled()
    {
        const string Model = "otel-sensitive-model";
        using var capture = new TelemetryCapture(Model);
        var adapter = new ScriptedAdapter()
            .Complete(ScriptedAdapter.TextResponse("the answer", model: Model))
            .Complete(ScriptedAdapter.TextResponse("the answer", model: Model));
        var request = new Request { Model = Model, Messages = [Message.System("be nice"), Message.User("the question")] };
        using var plain = new LlmClient([adapter], "scripted", [new OpenTelemetryMiddleware()]);
        using var sensitive = new LlmClient([adapter], "scripted", [new OpenTelemetryMiddleware { EnableSensitiveData = true }]);

        await plain.CompleteAsync(request);
        await sensitive.CompleteAsync(request);

        var spans = capture.Activities;
        Assert.Null(spans[0].GetTagItem("gen_ai.input.messages"));
        Assert.Null(spans[0].GetTagItem("gen_ai.output.messages"));
        Assert.Equal(
            """[{"role":"system","parts":[{"type":"text","content":"be nice"}]},{"role":"user","parts":[{"type":"text","content":"the question"}]}]""",
            spans[1].GetTagItem("gen_ai.input.messages"));
        Assert.Equal(
            """[{"role":"assistant","parts":[{"type":"text","content":"the answer"}],"finish_reason":"stop"}]""",
            spans[1].GetTagItem("gen_ai.output.messages"));
    }

    [Fact]
    public async Task A_meter_factory_gets_its_own_meter()
    {
        const string Model = "otel-factory-model";
        using var factory = new TestMeterFactory();
        var middleware = new OpenTelemetryMiddleware(factory);
        var meter = Assert.Single(factory.Meters);
        Assert.Equal("Attractor.Llm", meter.Name);
        using var capture = new TelemetryCapture(Model, meter);
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("ok", model: Model));
        using var client = new LlmClient([adapter], "scripted", [middleware]);

        await client.CompleteAsync(new Request { Model = Model, Messages = [Message.User("x")] });

        Assert.Equal(2, capture.Of("gen_ai.client.token.usage").Count);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }
}
