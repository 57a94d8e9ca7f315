// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests;

/// <summary>The built-in profiles' tool sets, capability flags and custom tool registration (spec §3.4–3.7, §9.2).</summary>
public sealed class ProviderProfileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void OpenAI_profile_has_the_codex_aligned_tools_with_apply_patch_and_no_edit_file()
    {
        var profile = ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn);

        Assert.Equal("openai", profile.Id);
        Assert.Equal(["read_file", "apply_patch", "write_file", "shell", "grep", "glob"], profile.ToolRegistry.Names());
        Assert.Equal(profile.ToolRegistry.Names(), profile.Tools().Select(tool => tool.Name));
        Assert.Equal(["AGENTS.md", ".codex/instructions.md"], profile.ProjectDocumentNames);
    }

    [Fact]
    public void Anthropic_profile_has_the_claude_code_aligned_tools_with_edit_file()
    {
        var profile = ProviderProfile.Anthropic("claude-opus-4-6", ModelCatalog.BuiltIn);

        Assert.Equal("anthropic", profile.Id);
        Assert.Equal(["read_file", "write_file", "edit_file", "shell", "grep", "glob"], profile.ToolRegistry.Names());
        Assert.Equal(["AGENTS.md", "CLAUDE.md"], profile.ProjectDocumentNames);
    }

    [Fact]
    public void Gemini_profile_has_the_shared_tool_set()
    {
        var profile = ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn);

        Assert.Equal("gemini", profile.Id);
        Assert.Equal(["read_file", "write_file", "edit_file", "shell", "grep", "glob"], profile.ToolRegistry.Names());
        Assert.Equal(["AGENTS.md", "GEMINI.md"], profile.ProjectDocumentNames);
    }

    [Fact]
    public void Capability_flags_come_from_the_model_catalog()
    {
        var catalog = ModelCatalog.Parse("""
            {"models":[{"id":"m-big","provider":"anthropic","display_name":"Big M","context_window":777000,"supports_reasoning":true},
             {"id":"m-small","provider":"anthropic","display_name":"Small M","context_window":4096,"supports_reasoning":false}]}
            """);

        var big = ProviderProfile.Anthropic("m-big", catalog);
        var small = ProviderProfile.Anthropic("m-small", catalog);
        var unknown = ProviderProfile.Anthropic("not-in-catalog", catalog);

        Assert.Equal((777000, true, "Big M"), (big.ContextWindowSize, big.SupportsReasoning, big.ModelDisplayName));
        Assert.Equal((4096, false, "Small M"), (small.ContextWindowSize, small.SupportsReasoning, small.ModelDisplayName));
        Assert.Equal((128_000, false, "not-in-catalog"), (unknown.ContextWindowSize, unknown.SupportsReasoning, unknown.ModelDisplayName));
        Assert.True(big.SupportsParallelToolCalls);
        Assert.True(big.SupportsStreaming);
    }

    [Fact]
    public async Task A_custom_tool_with_a_profile_tool_name_overrides_it_and_a_new_one_is_added()
    {
        var profile = ProviderProfile.Anthropic("claude-opus-4-6", ModelCatalog.BuiltIn);
        const string Schema = """{"type":"object","properties":{"command":{"type":"string"}},"required":["command"]}""";
        profile.ToolRegistry.Register(AgentTool.Create("shell", "custom shell", Schema, (_, _, _) => Task.FromResult(ToolOutput.Success("from custom shell"))));
        profile.ToolRegistry.Register(AgentTool.Create("run_tests", "Run the tests", """{"type":"object","properties":{}}""", (_, _, _) => Task.FromResult(ToolOutput.Success("tests ran"))));

        var environment = new LocalExecutionEnvironment(_temp.Path);
        var shell = await profile.ToolRegistry.ExecuteAsync(ToolCall.FromData(new ToolCallData("1", "shell", """{"command":"echo real"}""")), environment, null, CancellationToken.None);
        var tests = await profile.ToolRegistry.ExecuteAsync(ToolCall.FromData(new ToolCallData("2", "run_tests", "{}")), environment, null, CancellationToken.None);

        Assert.Equal("from custom shell", shell.Output);
        Assert.Equal("tests ran", tests.Output);
        Assert.Equal(["read_file", "write_file", "edit_file", "shell", "grep", "glob", "run_tests"], profile.ToolRegistry.Names());
        Assert.Equal("custom shell", profile.Tools().Single(tool => tool.Name == "shell").Description);
    }

    [Fact]
    public async Task Profiles_do_not_share_registries()
    {
        var first = ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn);
        var second = ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn);

        Assert.True(first.ToolRegistry.Unregister("grep"));
        var result = await second.ToolRegistry.ExecuteAsync(ToolCall.FromData(new ToolCallData("1", "glob", """{"pattern":"*.none"}""")), new LocalExecutionEnvironment(_temp.Path), null, CancellationToken.None);

        Assert.Contains("grep", second.ToolRegistry.Names());
        Assert.False(result.IsError);
    }
}
