// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Client;

public sealed class FromEnvTests
{
    private const string OpenAIKey = "sk-openai-SECRET-0123456789";

    [Fact]
    public void Only_providers_with_a_key_are_registered_and_the_first_one_is_the_default()
    {
        using var client = LlmClient.FromEnv(Environment(("ANTHROPIC_API_KEY", "sk-ant-x123456"), ("GOOGLE_API_KEY", "g-key-123456")));

        Assert.Equal(["anthropic", "gemini"], client.Providers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("anthropic", client.DefaultProvider);
    }

    [Fact]
    public void With_every_key_openai_is_the_default_as_in_the_spec_table_order()
    {
        using var client = LlmClient.FromEnv(Environment(("OPENAI_API_KEY", OpenAIKey), ("ANTHROPIC_API_KEY", "sk-ant-x123456"), ("GEMINI_API_KEY", "g-key-123456")));

        Assert.Equal(3, client.Providers.Count);
        Assert.Equal("openai", client.DefaultProvider);
    }

    [Fact]
    public async Task Without_any_key_a_request_fails_with_a_configuration_error_naming_the_variables()
    {
        using var client = LlmClient.FromEnv(Environment());

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => client.CompleteAsync(new Request { Model = "gpt-5.2", Messages = [Message.User("hi")] }));

        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task Base_url_organization_and_project_variables_reach_the_wire()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openai", "responses-text.json"))));
        using var client = LlmClient.FromEnv(Environment(
            ("OPENAI_API_KEY", OpenAIKey),
            ("OPENAI_BASE_URL", new Uri(server.BaseUrl, "v1").ToString()),
            ("OPENAI_ORG_ID", "org-123"),
            ("OPENAI_PROJECT_ID", "proj-456")));

        var response = await client.CompleteAsync(new Request { Model = "gpt-5.2", Messages = [Message.User("hi")] });

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/responses", sent.Path);
        Assert.Equal("Bearer " + OpenAIKey, sent.Header("Authorization"));
        Assert.Equal("org-123", sent.Header("OpenAI-Organization"));
        Assert.Equal("proj-456", sent.Header("OpenAI-Project"));
        Assert.Equal("openai", response.Provider);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
