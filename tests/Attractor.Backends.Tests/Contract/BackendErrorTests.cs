// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines;

namespace Attractor.Backends.Tests.Contract;

public sealed class BackendErrorTests
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
    [InlineData(599, BackendErrorCategory.Provider, true)]
    [InlineData(400, BackendErrorCategory.Provider, false)]
    [InlineData(404, BackendErrorCategory.Provider, false)]
    [InlineData(413, BackendErrorCategory.Provider, false)]
    [InlineData(422, BackendErrorCategory.Provider, false)]
    public void Http_statuses_follow_the_issue_map(int status, BackendErrorCategory category, bool retryable)
    {
        var error = BackendError.FromStatus(status, "boom");

        Assert.Equal((category, retryable, status), (error.Category, error.Retryable, error.StatusCode));
    }

    [Fact]
    public void Config_canceled_and_unknown_are_never_retried_and_transport_and_timeout_are()
    {
        Assert.False(BackendError.Config("x").Retryable);
        Assert.False(BackendError.Canceled("x").Retryable);
        Assert.False(BackendError.Unknown("x").Retryable);
        Assert.False(BackendError.Auth("x").Retryable);
        Assert.True(BackendError.Transport("x").Retryable);
        Assert.True(BackendError.Timeout("x").Retryable);
    }

    [Fact]
    public void The_retry_rule_makes_the_engine_retry_only_retryable_backend_failures()
    {
        var classifier = BackendRetryRule.Classifier;

        Assert.Equal(ErrorCategory.Terminal, classifier.Classify(new BackendException(BackendError.FromStatus(401, "bad key"))));
        Assert.Equal(ErrorCategory.Terminal, classifier.Classify(new BackendException(BackendError.Config("not installed"))));
        Assert.Equal(ErrorCategory.Retryable, classifier.Classify(new BackendException(BackendError.FromStatus(503, "overloaded"))));
        Assert.Equal(ErrorCategory.Retryable, classifier.Classify(new AggregateException(new BackendException(BackendError.Transport("reset")))));
        Assert.Null(BackendRetryRule.Classify(new InvalidOperationException()));
        Assert.Equal(ErrorCategory.Terminal, classifier.Classify(new InvalidOperationException()));
    }

    [Fact]
    public void Describe_names_the_category_status_and_retryability()
    {
        Assert.Equal("[provider 503, retryable] overloaded", BackendError.FromStatus(503, "overloaded").Describe());
        Assert.Equal("[config] missing", BackendError.Config("missing").Describe());
    }
}
