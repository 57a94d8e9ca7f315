// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>The layered system prompt (spec §6.1, §9.8).</summary>
public sealed class SystemPromptBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Layers_appear_in_order_with_user_instructions_last()
    {
        _temp.Write("AGENTS.md", "PROJECT-RULE");
        var profile = ProviderProfile.Anthropic("claude-opus-4-6");

        var prompt = await SystemPromptBuilder.BuildAsync(profile, new LocalExecutionEnvironment(_temp.Path), "USER-RULE", null, CancellationToken.None);

        var positions = new[]
        {
            prompt.IndexOf(profile.BaseInstructions.Trim(), StringComparison.Ordinal),
            prompt.IndexOf("<environment>", StringComparison.Ordinal),
            prompt.IndexOf("<tools>", StringComparison.Ordinal),
            prompt.IndexOf("PROJECT-RULE", StringComparison.Ordinal),
            prompt.IndexOf("USER-RULE", StringComparison.Ordinal),
        };
        Assert.Equal(0, positions[0]);
        Assert.All(positions.Skip(1), position => Assert.True(position > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.EndsWith("USER-RULE\n</user_instructions>", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_layer_lists_every_registered_tool_including_custom_ones()
    {
        var profile = ProviderProfile.OpenAI("gpt-5.2-codex");
        profile.ToolRegistry.Register(AgentTool.Create("run_tests", "Run the project's tests", """{"type":"object"}""", (_, _, _) => Task.FromResult(ToolOutput.Success(""))));

        var prompt = await SystemPromptBuilder.BuildAsync(profile, new LocalExecutionEnvironment(_temp.Path), null, null, CancellationToken.None);

        foreach (var name in new[] { "read_file", "apply_patch", "write_file", "shell", "grep", "glob" })
        {
            Assert.Contains($"\n- {name}: ", prompt, StringComparison.Ordinal);
        }

        Assert.Contains("\n- run_tests: Run the project's tests\n", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("- edit_file", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("<user_instructions>", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("<project_instructions>", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_line_uses_the_catalog_display_name()
    {
        var profile = ProviderProfile.Gemini("gemini-3-pro-preview", Attractor.Llm.ModelCatalog.BuiltIn);

        var prompt = await SystemPromptBuilder.BuildAsync(profile, new LocalExecutionEnvironment(_temp.Path), null, null, CancellationToken.None);

        Assert.Contains($"Model: {profile.ModelDisplayName}\n", prompt, StringComparison.Ordinal);
        Assert.NotEqual(profile.Model, profile.ModelDisplayName);
    }

    [Fact]
    public void Each_profile_has_its_own_base_instructions_naming_its_editing_tool()
    {
        var openai = ProviderProfile.OpenAI().BaseInstructions;
        var anthropic = ProviderProfile.Anthropic().BaseInstructions;
        var gemini = ProviderProfile.Gemini().BaseInstructions;

        Assert.Contains("apply_patch", openai, StringComparison.Ordinal);
        Assert.Contains("*** Begin Patch", openai, StringComparison.Ordinal);
        Assert.DoesNotContain("edit_file", openai, StringComparison.Ordinal);
        Assert.Contains("old_string must match", anthropic, StringComparison.Ordinal);
        Assert.DoesNotContain("apply_patch", anthropic, StringComparison.Ordinal);
        Assert.Contains("GEMINI.md", gemini, StringComparison.Ordinal);
        Assert.Equal(3, new[] { openai, anthropic, gemini }.Distinct().Count());
    }
}
