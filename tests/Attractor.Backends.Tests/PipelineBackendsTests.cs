// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary>The factory used by the CLI and MSBuild.</summary>
public sealed class PipelineBackendsTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public void Names_are_the_direct_api_and_the_coding_cli_backends()
    {
        Assert.Equal(["simulate", "llm", "agent", "claude-code", "codex", "gemini-cli"], PipelineBackends.Names);
        Assert.Null(PipelineBackends.Create("simulate", new PipelineBackendOptions { GetEnvironmentVariable = NoVariables }));
    }

    [Theory]
    [InlineData("claude-code")]
    [InlineData("Codex")]
    [InlineData("gemini-cli")]
    public void Coding_cli_backends_need_no_provider_key_here(string name)
    {
        var backend = Assert.IsType<Attractor.Backends.Harness.HarnessBackend>(PipelineBackends.Create(name, new PipelineBackendOptions { GetEnvironmentVariable = NoVariables }));

        Assert.Equal(name.ToLowerInvariant(), backend.Name);
    }

    [Fact]
    public async Task The_run_router_reports_a_missing_key_for_its_default_before_the_run_and_defers_the_others()
    {
        var options = new PipelineBackendOptions { GetEnvironmentVariable = NoVariables };

        Assert.Throws<BackendConfigurationException>(() => PipelineBackends.CreateRouter("agent", options));

        // Simulate needs nothing; a node selecting agent fails only when it runs (a config error, tested with the router).
        var router = PipelineBackends.CreateRouter("Simulate", options);
        await using (router.ConfigureAwait(false))
        {
            Assert.Equal("simulate", router.DefaultName);
        }
    }

    [Theory]
    [InlineData("llm")]
    [InlineData("agent")]
    public void Without_a_provider_key_the_error_names_the_variables_to_set(string name)
    {
        var error = Assert.Throws<BackendConfigurationException>(() => PipelineBackends.Create(name, new PipelineBackendOptions { GetEnvironmentVariable = NoVariables }));

        Assert.Contains("set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Null(error.VariableName);
    }

    [Fact]
    public void A_requested_provider_without_its_key_names_that_variable()
    {
        var variables = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-secret-value" };
        var error = Assert.Throws<BackendConfigurationException>(() => PipelineBackends.Create("agent", new PipelineBackendOptions
        {
            GetEnvironmentVariable = name => variables.GetValueOrDefault(name),
            Provider = "anthropic",
        }));

        Assert.Equal("ANTHROPIC_API_KEY", error.VariableName);
        Assert.Contains("set ANTHROPIC_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_lists_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PipelineBackends.Create("claude", new PipelineBackendOptions()));
        Assert.Contains("Unknown backend 'claude'", error.Message, StringComparison.Ordinal);
        Assert.Contains("simulate, llm, agent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_is_agent_when_any_provider_key_is_set()
    {
        Assert.Equal("simulate", PipelineBackends.DefaultName(NoVariables));
        Assert.Equal("simulate", PipelineBackends.DefaultName(name => name == "OPENAI_API_KEY" ? " " : null));
        Assert.Equal("agent", PipelineBackends.DefaultName(name => name == "GEMINI_API_KEY" ? "g-key" : null));
        Assert.Equal("agent", PipelineBackends.DefaultName(name => name == "ANTHROPIC_API_KEY" ? "a-key" : null));
    }

    [Theory]
    [InlineData("llm", typeof(LlmCodergenBackend))]
    [InlineData("AGENT", typeof(AgentCodergenBackend))]
    public async Task A_backend_created_from_the_environment_talks_to_the_configured_endpoint(string name, Type expected)
    {
        await using var harness = await BackendHarness.StartAsync();
        // Both backends stream their calls.
        harness.Server.Enqueue(Wire.StreamText("from the environment"));
        var backend = PipelineBackends.Create(name, new PipelineBackendOptions { WorkingDirectory = harness.Workspace, GetEnvironmentVariable = harness.GetVariable });
        try
        {
            Assert.IsType(expected, backend);
            var result = await harness.RunAsync("""
                digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; work [prompt="Go"]; start -> work -> exit }
                """, backend!);

            Assert.True(result.Succeeded, result.FailureReason);
            Assert.Equal("from the environment", harness.ReadStageFile("work", CodergenHandler.ResponseFileName));
            Assert.Equal("Bearer sk-test-openai", harness.Server.Requests.Single().Header("authorization"));
        }
        finally
        {
            switch (backend)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
