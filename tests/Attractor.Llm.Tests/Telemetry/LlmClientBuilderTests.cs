// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using Attractor.Llm.Tests.Interop;

namespace Attractor.Llm.Tests.Telemetry;

public sealed class LlmClientBuilderTests
{
    [Fact]
    public async Task The_first_middleware_added_is_the_outermost_in_both_modes()
    {
        var trace = new List<string>();
        var adapter = new ScriptedAdapter()
            .Complete(ScriptedAdapter.TextResponse("x"))
            .Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("x"), "x"));
        using var client = new LlmClientBuilder()
            .AddProvider(adapter)
            .Use(new Recording("outer", trace))
            .Use(_ => new Recording("inner", trace))
            .Build();
        var request = new Request { Model = "m", Messages = [Message.User("x")] };

        await client.CompleteAsync(request);
        await foreach (var streamEvent in client.StreamAsync(request))
        {
            Assert.NotNull(streamEvent);
        }

        Assert.Equal(["outer in", "inner in", "inner out", "outer out", "outer stream in", "inner stream in", "inner stream out", "outer stream out"], trace);
    }

    [Fact]
    public void The_default_provider_is_the_named_one_or_the_first_added()
    {
        var builder = new LlmClientBuilder().AddProvider(new ScriptedAdapter("a")).AddProvider(new ScriptedAdapter("b"));
        Assert.Equal("a", builder.DefaultProvider);
        using (var client = builder.Build())
        {
            Assert.Equal("a", client.DefaultProvider);
        }

        using var named = builder.UseDefaultProvider("b").Build();
        Assert.Equal("b", named.DefaultProvider);
        Assert.Throws<ConfigurationException>(() => new LlmClientBuilder().AddProvider(new ScriptedAdapter("a")).UseDefaultProvider("zzz").Build());
    }

    [Fact]
    public async Task UseOpenTelemetry_reports_the_default_provider_for_requests_naming_none_and_UseLogging_logs()
    {
        const string Model = "builder-otel-model";
        using var capture = new TelemetryCapture(Model);
        var logger = new TestLogger();
        var adapter = new ScriptedAdapter("anthropic").Fail(new NetworkException("unreachable"));
        using var client = new LlmClientBuilder()
            .UseOpenTelemetry()
            .UseLogging(new SingleLoggerFactory(logger))
            .AddProvider(adapter)
            .Build();

        await Assert.ThrowsAsync<NetworkException>(() => client.CompleteAsync(new Request { Model = Model, Messages = [Message.User("x")] }));

        Assert.Equal("anthropic", Assert.Single(capture.Activities).GetTagItem("gen_ai.provider.name"));
        Assert.Contains(logger.Entries, e => e.EventId.Name == "LlmRequestFailed");
    }

    private sealed class Recording(string name, List<string> trace) : ILlmMiddleware
    {
        public async Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
        {
            trace.Add(name + " in");
            var response = await next(request, cancellationToken);
            trace.Add(name + " out");
            return response;
        }

        public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            trace.Add(name + " stream in");
            await foreach (var streamEvent in next(request, cancellationToken))
            {
                yield return streamEvent;
            }

            trace.Add(name + " stream out");
        }
    }

    private sealed class SingleLoggerFactory(TestLogger logger) : Microsoft.Extensions.Logging.ILoggerFactory
    {
        public string? Category { get; private set; }

        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName)
        {
            Category = categoryName;
            return logger;
        }

        public void Dispose()
        {
        }
    }
}
