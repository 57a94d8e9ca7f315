// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiEnvironmentTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void No_key_means_no_adapter()
    {
        Assert.Null(GeminiAdapter.FromEnvironment(Environment()));
        Assert.Null(GeminiAdapter.FromEnvironment(Environment(("GEMINI_API_KEY", " "), ("GEMINI_BASE_URL", "http://127.0.0.1:1/v1beta"))));
    }

    [Fact]
    public async Task Gemini_api_key_is_preferred_over_google_api_key_and_the_base_url_is_read()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")), FakeResponse.Json(Fixture("text-response.json")));
        var baseUrl = new Uri(server.BaseUrl, "custom/v1beta/").ToString();

        using (var adapter = GeminiAdapter.FromEnvironment(Environment(("GEMINI_API_KEY", Key), ("GOOGLE_API_KEY", "google-key-123456"), ("GEMINI_BASE_URL", baseUrl)))!)
        {
            Assert.Equal("gemini", adapter.Name);
            await adapter.CompleteAsync(Ask("Hi"));
        }

        using (var fallback = GeminiAdapter.FromEnvironment(Environment(("GOOGLE_API_KEY", "google-key-123456"), ("GEMINI_BASE_URL", baseUrl)))!)
        {
            await fallback.CompleteAsync(Ask("Hi"));
        }

        Assert.Equal(Key, server.Requests[0].Header("x-goog-api-key"));
        Assert.Equal("google-key-123456", server.Requests[1].Header("x-goog-api-key"));
        Assert.Equal("/custom/v1beta/models/gemini-2.5-flash:generateContent", server.Requests[0].Path);
    }

    [Fact]
    public void A_relative_base_url_is_a_configuration_error_that_does_not_show_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() => GeminiAdapter.FromEnvironment(Environment(("GEMINI_API_KEY", Key), ("GEMINI_BASE_URL", "not a url"))));

        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_adapter_routes_through_llm_client()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var client = new LlmClient([CreateAdapter(server)], "gemini");

        var response = await client.CompleteAsync(Ask("Hi"));

        Assert.Equal("Hello! How can I help you today?", response.Text);
    }
}
