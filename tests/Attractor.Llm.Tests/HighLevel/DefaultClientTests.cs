// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Reflection;

namespace Attractor.Llm.Tests.HighLevel;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultClientCollection
{
    public const string Name = "LlmClient.Default";
}

[Collection(DefaultClientCollection.Name)]
public sealed class DefaultClientTests
{
    [Fact]
    public async Task High_level_calls_without_a_client_use_the_module_default_client()
    {
        var previous = LlmClient.Default;
        var adapter = new ScriptedAdapter().Respond(Fake.Text("from default"));
        using var client = new LlmClient([adapter], "scripted");
        try
        {
            LlmClient.SetDefault(client);

            var result = await Llm.GenerateAsync(new GenerateOptions { Model = "m", Prompt = "p" });

            Assert.Equal("from default", result.Text);
            Assert.Single(adapter.Requests);
        }
        finally
        {
            LlmClient.Default = previous;
        }
    }

    [Fact]
    public void The_default_client_is_created_lazily_from_the_environment_once_and_then_reused()
    {
        var field = typeof(LlmClient).GetField("defaultClient", BindingFlags.NonPublic | BindingFlags.Static)!;
        var previous = (LlmClient?)field.GetValue(null);
        try
        {
            field.SetValue(null, null);

            var first = LlmClient.Default;

            Assert.NotNull(field.GetValue(null));
            Assert.Same(first, LlmClient.Default);
            using var fromEnvironment = LlmClient.FromEnv();
            Assert.Equal(fromEnvironment.Providers.Keys.Order(), first.Providers.Keys.Order());
            Assert.Equal(fromEnvironment.DefaultProvider, first.DefaultProvider);
        }
        finally
        {
            field.SetValue(null, previous);
        }
    }
}
