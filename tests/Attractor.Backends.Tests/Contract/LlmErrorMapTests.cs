// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Llm.FakeProvider;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Contract;

/// <summary>The <c>llm</c> backend sorts real provider failures (fake server on 127.0.0.1) into issue 7's taxonomy.</summary>
public sealed class LlmErrorMapTests
{
    [Theory]
    [InlineData(401, BackendErrorCategory.Auth, false)]
    [InlineData(403, BackendErrorCategory.Auth, false)]
    [InlineData(408, BackendErrorCategory.Timeout, true)]
    [InlineData(409, BackendErrorCategory.Provider, true)]
    [InlineData(425, BackendErrorCategory.Provider, true)]
    [InlineData(429, BackendErrorCategory.Provider, true)]
    [InlineData(500, BackendErrorCategory.Provider, true)]
    [InlineData(503, BackendErrorCategory.Provider, true)]
    [InlineData(400, BackendErrorCategory.Provider, false)]
    [InlineData(404, BackendErrorCategory.Provider, false)]
    [InlineData(422, BackendErrorCategory.Provider, false)]
    public async Task A_provider_status_is_classified_with_the_issue_map(int status, BackendErrorCategory category, bool retryable)
    {
        var failed = await FailAsync(FakeResponse.Error(status, """{"error":{"message":"scripted failure","type":"error","code":"scripted"}}"""));

        Assert.Equal((category, retryable), (failed.Error.Category, failed.Error.Retryable));
        Assert.DoesNotContain("sk-test-openai", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_connection_is_a_retryable_transport_failure()
    {
        var failed = await FailAsync(FakeResponse.Reset());

        Assert.Equal((BackendErrorCategory.Transport, true), (failed.Error.Category, failed.Error.Retryable));
    }

    [Fact]
    public void Configuration_cancellation_and_unknown_failures_are_not_retried()
    {
        Assert.Equal((BackendErrorCategory.Config, false), Classify(new Attractor.Llm.ConfigurationException("no adapter")));
        Assert.Equal((BackendErrorCategory.Config, false), Classify(new BackendConfigurationException("no key", variableName: null)));
        Assert.Equal((BackendErrorCategory.Canceled, false), Classify(new OperationCanceledException()));
        Assert.Equal((BackendErrorCategory.Unknown, false), Classify(new InvalidOperationException("bug")));
        Assert.Equal((BackendErrorCategory.Transport, true), Classify(new Attractor.Llm.NetworkException("refused")));

        static (BackendErrorCategory, bool) Classify(Exception exception)
        {
            var error = LlmErrorMap.ToBackendError(exception);
            return (error.Category, error.Retryable);
        }
    }

    private static async Task<BackendFailed> FailAsync(FakeResponse response)
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(response);
        using var backend = new LlmCodergenBackend(harness.Options()) { MaxRetries = 0 };
        var stage = Path.Combine(harness.LogsRoot, "n");
        var request = new CodergenRequest(new PipelineNode("n", AttributeMap.FromPairs([])), "hi", new PipelineContext(), FidelityResolution.Default, stage);
        var events = new List<BackendEvent>();
        await foreach (var item in backend.StreamAsync(request, CancellationToken.None))
        {
            events.Add(item);
        }

        Assert.Equal(["started", "failed"], events.Select(e => e.Kind));
        Assert.Equal(("llm", "openai", 1), (events[0].Source.Backend, events[0].Source.Provider, events[0].Source.Attempt));
        return Assert.IsType<BackendFailed>(events[^1]);
    }
}
