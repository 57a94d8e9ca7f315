// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.Catalog;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("anthropic", "claude-opus-4-6")]
    [InlineData("openai", "gpt-5.2")]
    [InlineData("gemini", "gemini-3.1-pro-preview")]
    public void The_latest_model_of_each_provider_is_its_current_top_model(string provider, string expected)
    {
        Assert.Equal(expected, ModelCatalog.BuiltIn.GetLatestModel(provider)?.Id);
    }

    [Fact]
    public void The_built_in_catalog_lists_current_and_older_models_of_all_three_providers()
    {
        var catalog = ModelCatalog.BuiltIn;

        Assert.Equal(["anthropic", "openai", "gemini"], catalog.Models.Select(m => m.Provider).Distinct());
        foreach (var id in new[] { "claude-opus-4-6", "claude-sonnet-4-5", "gpt-5.2", "gpt-5.2-mini", "gpt-5.2-codex", "gemini-3.1-pro-preview", "gemini-3-flash-preview" })
        {
            Assert.NotNull(catalog.GetModelInfo(id));
        }

        Assert.True(catalog.ListModels("anthropic").Count >= 3);
        Assert.All(catalog.Models, m =>
        {
            Assert.True(m.ContextWindow > 0, m.Id);
            Assert.False(string.IsNullOrWhiteSpace(m.DisplayName), m.Id);
        });
    }

    [Fact]
    public void Model_info_carries_limits_capabilities_costs_and_aliases()
    {
        var sonnet = ModelCatalog.BuiltIn.GetModelInfo("claude-sonnet-4-5")!;

        Assert.Equal(("anthropic", "Claude Sonnet 4.5", 200000, 64000), (sonnet.Provider, sonnet.DisplayName, sonnet.ContextWindow, sonnet.MaxOutput));
        Assert.True(sonnet.SupportsTools && sonnet.SupportsVision && sonnet.SupportsReasoning);
        Assert.Equal((3.0, 15.0), (sonnet.InputCostPerMillion, sonnet.OutputCostPerMillion));
        Assert.Contains("sonnet", sonnet.Aliases);
    }

    [Fact]
    public void Lookup_works_by_alias_case_insensitively_and_unknown_models_give_null()
    {
        Assert.Equal("claude-sonnet-4-5", ModelCatalog.BuiltIn.GetModelInfo("Sonnet")?.Id);
        Assert.Null(ModelCatalog.BuiltIn.GetModelInfo("nonexistent-model-xyz"));
    }

    [Fact]
    public void List_models_filters_by_provider_and_keeps_newest_first()
    {
        var openai = ModelCatalog.BuiltIn.ListModels("openai");

        Assert.All(openai, m => Assert.Equal("openai", m.Provider));
        Assert.Equal("gpt-5.2", openai[0].Id);
        Assert.Equal(ModelCatalog.BuiltIn.Models.Count, ModelCatalog.BuiltIn.ListModels().Count);
        Assert.Empty(ModelCatalog.BuiltIn.ListModels("nobody"));
    }

    [Fact]
    public void The_latest_model_can_be_filtered_by_capability()
    {
        var catalog = ModelCatalog.Parse("""
            {"models":[
              {"id":"new-text","provider":"p","display_name":"New","context_window":1000,"supports_tools":true},
              {"id":"old-vision","provider":"p","display_name":"Old","context_window":1000,"supports_vision":true,"supports_reasoning":true}
            ]}
            """);

        Assert.Equal("new-text", catalog.GetLatestModel("p")?.Id);
        Assert.Equal("old-vision", catalog.GetLatestModel("p", "vision")?.Id);
        Assert.Equal("old-vision", catalog.GetLatestModel("p", "Reasoning")?.Id);
        Assert.Null(catalog.GetLatestModel("q"));
        Assert.Throws<ArgumentException>(() => catalog.GetLatestModel("p", "telepathy"));
    }

    [Fact]
    public void A_catalog_file_can_replace_the_built_in_list()
    {
        var path = Path.Combine(Path.GetTempPath(), $"models-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"models":[{"id":"brand-new","provider":"openai","display_name":"Brand New","context_window":5,"aliases":["bn"]}]}""");
        try
        {
            var catalog = ModelCatalog.Load(path);

            Assert.Equal("brand-new", catalog.GetLatestModel("openai")?.Id);
            Assert.Equal("brand-new", catalog.GetModelInfo("bn")?.Id);
            Assert.Null(catalog.GetModelInfo("brand-new")!.MaxOutput);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"models":[{"id":"x","provider":"p"}]}""")]
    [InlineData("""{"models":[{"id":"x","provider":"p","display_name":"X","context_window":1},{"id":"x","provider":"p","display_name":"X","context_window":1}]}""")]
    [InlineData("not json")]
    public void Invalid_catalogs_are_configuration_errors(string json)
    {
        Assert.Throws<ConfigurationException>(() => ModelCatalog.Parse(json));
    }

    [Fact]
    public void A_missing_catalog_file_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => ModelCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "models.json")));
    }
}
