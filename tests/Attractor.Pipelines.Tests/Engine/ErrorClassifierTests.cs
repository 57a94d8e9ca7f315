// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Attractor.Dot.Validation;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§3.6 should_retry and Appendix D error categories: the classifier's rules and how the engine applies them.</summary>
public sealed class ErrorClassifierTests
{
    private const string OneNode = "digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [max_retries=2]; start -> a -> exit }";

    public static TheoryData<Exception, ErrorCategory> Cases() => new()
    {
        { new TimeoutException(), ErrorCategory.Retryable },
        { new TaskCanceledException("HttpClient timeout", new TimeoutException()), ErrorCategory.Retryable },
        { new OperationCanceledException(), ErrorCategory.Retryable },
        { new HttpRequestException("network down"), ErrorCategory.Retryable },
        { new HttpRequestException("rate limited", null, HttpStatusCode.TooManyRequests), ErrorCategory.Retryable },
        { new HttpRequestException("server", null, HttpStatusCode.BadGateway), ErrorCategory.Retryable },
        { new HttpRequestException("request timeout", null, HttpStatusCode.RequestTimeout), ErrorCategory.Retryable },
        { new HttpRequestException("unauthorized", null, HttpStatusCode.Unauthorized), ErrorCategory.Terminal },
        { new HttpRequestException("forbidden", null, HttpStatusCode.Forbidden), ErrorCategory.Terminal },
        { new HttpRequestException("bad request", null, HttpStatusCode.BadRequest), ErrorCategory.Terminal },
        { new SocketException(), ErrorCategory.Retryable },
        { new IOException("pipe broke"), ErrorCategory.Retryable },
        { new FileNotFoundException("no input"), ErrorCategory.Terminal },
        { new DirectoryNotFoundException(), ErrorCategory.Terminal },
        { new InvalidDataException(), ErrorCategory.Terminal },
        { new UnauthorizedAccessException(), ErrorCategory.Terminal },
        { new ArgumentException("bad"), ErrorCategory.Terminal },
        { new ArgumentNullException("x"), ErrorCategory.Terminal },
        { new InvalidOperationException(), ErrorCategory.Terminal },
        { new ObjectDisposedException("x"), ErrorCategory.Terminal },
        { new NotSupportedException(), ErrorCategory.Terminal },
        { new FormatException(), ErrorCategory.Terminal },
        { new KeyNotFoundException(), ErrorCategory.Terminal },
        { new JsonException(), ErrorCategory.Terminal },
        { new PipelineValidationException("invalid pipeline"), ErrorCategory.Pipeline },
        { new AggregateException(new ArgumentException("inner")), ErrorCategory.Terminal },
        { new AggregateException(new TimeoutException(), new ArgumentException()), ErrorCategory.Retryable },
        { new TargetInvocationException(new InvalidOperationException()), ErrorCategory.Terminal },
        { new ProviderHiccupException(), ErrorCategory.Retryable },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Default_rules_classify_exceptions(Exception exception, ErrorCategory expected)
    {
        Assert.Equal(expected, ErrorClassifier.Default.Classify(exception));
        Assert.Equal(expected == ErrorCategory.Retryable, ErrorClassifier.Default.ShouldRetry(exception));
    }

    [Fact]
    public void A_custom_rule_is_asked_first_and_null_falls_through()
    {
        var classifier = new ErrorClassifier(e => e is ProviderHiccupException ? ErrorCategory.Terminal : null);
        Assert.Equal(ErrorCategory.Terminal, classifier.Classify(new ProviderHiccupException()));
        Assert.Equal(ErrorCategory.Retryable, classifier.Classify(new TimeoutException()));
    }

    [Fact]
    public async Task Terminal_exceptions_are_not_retried_and_the_reason_says_so()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(_ =>
        {
            calls++;
            throw new ArgumentException("prompt template is invalid");
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(OneNode));

        Assert.False(result.Succeeded);
        Assert.Equal(1, calls);
        Assert.Contains("prompt template is invalid (terminal error: not retried)", result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain(kit.Events.OfType<StageFailed>(), e => e.WillRetry);
        Assert.Contains("terminal error: not retried", File.ReadAllText(Path.Combine(result.LogsRoot, "a", "status.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retryable_exceptions_use_every_attempt()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(_ =>
        {
            calls++;
            throw new HttpRequestException("service unavailable", null, HttpStatusCode.ServiceUnavailable);
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(OneNode));

        Assert.False(result.Succeeded);
        Assert.Equal(3, calls);
        Assert.DoesNotContain("not retried", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_classifier_is_configurable_through_the_run_options()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var options = kit.Options(h => h["codergen"] = new DelegateHandler(_ =>
        {
            calls++;
            throw new TimeoutException("quota exhausted for today");
        }));
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = options.LogsRoot,
            Handlers = options.Handlers,
            TimeProvider = options.TimeProvider,
            RetryBackoff = options.RetryBackoff,
            ErrorClassifier = new ErrorClassifier(e => e.Message.Contains("quota", StringComparison.Ordinal) ? ErrorCategory.Terminal : null),
        });
        var result = await runner.RunAsync(EngineTestKit.Parse(OneNode));

        Assert.Equal(1, calls);
        Assert.Contains("(terminal error: not retried)", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_run_is_never_turned_into_a_retry()
    {
        using var kit = new EngineTestKit();
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler((_, ct) =>
        {
            calls++;
            cancel.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(Outcome.Success());
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(EngineTestKit.Parse(OneNode), cancel.Token));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_backend_error_caught_by_the_codergen_handler_is_classified_like_a_thrown_one()
    {
        using var kit = new EngineTestKit();
        var unauthorized = 0;
        var flaky = 0;
        var backend = new DelegateBackend(request => request.Node.Id == "a"
            ? throw new HttpRequestException("invalid API key " + ++unauthorized, null, HttpStatusCode.Unauthorized)
            : ++flaky < 3 ? throw new HttpRequestException("overloaded", null, HttpStatusCode.ServiceUnavailable) : CodergenResult.FromText("ok"));
        var options = kit.Options(h => h.Remove("codergen"));
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = options.LogsRoot,
            Handlers = options.Handlers,
            TimeProvider = options.TimeProvider,
            RetryBackoff = options.RetryBackoff,
            Backend = backend,
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              b [max_retries=2]; a [max_retries=2]
              start -> b -> a -> exit
            }
            """));

        Assert.Equal(3, flaky);
        Assert.Equal(1, unauthorized);
        Assert.False(result.Succeeded);
        Assert.Contains("invalid API key 1 (terminal error: not retried)", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_error_stops_the_run_without_retries_or_failure_routing_also_after_a_resume()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(stage =>
        {
            if (stage.Node.Id != "a")
            {
                return Outcome.Success();
            }

            calls++;
            throw new PipelineValidationException("sub-pipeline 'x.dot' has no start node");
        }));
        var graph = EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              a [max_retries=2, retry_target=recover]; onfail; recover
              start -> a -> exit
              a -> onfail [condition="outcome=fail"]
              onfail -> exit; recover -> exit
              start -> recover [condition="context.never=1"]
            }
            """);
        var result = await runner.RunAsync(graph);

        Assert.False(result.Succeeded);
        Assert.Equal(1, calls);
        Assert.Equal(["start", "a"], result.CompletedNodes);
        Assert.Contains("no start node (pipeline error: the run stops)", result.FailureReason, StringComparison.Ordinal);

        var resumed = await runner.ResumeAsync(graph, result.LogsRoot);
        Assert.False(resumed.Succeeded);
        Assert.Equal(["start", "a"], resumed.CompletedNodes);
        Assert.Equal(1, calls);
    }

    private sealed class ProviderHiccupException : Exception
    {
        public ProviderHiccupException()
            : base("the provider hiccupped")
        {
        }
    }

    private sealed class DelegateBackend(Func<CodergenRequest, CodergenResult> respond) : ICodergenBackend
    {
        public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) => Task.FromResult(respond(request));
    }
}
