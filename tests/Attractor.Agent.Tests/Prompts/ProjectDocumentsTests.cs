// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Tests;

/// <summary>Project instruction discovery from the git root to the working directory (spec §6.5, §9.8).</summary>
public sealed class ProjectDocumentsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Anthropic_loads_agents_and_claude_files_root_first_and_skips_other_providers_files()
    {
        await GitRepository.RunAsync(_temp.Path, "init -q");
        WriteAllProviderFiles("");
        WriteAllProviderFiles("a");
        WriteAllProviderFiles("a/b");
        WriteAllProviderFiles("a/other");
        var cwd = Path.Combine(_temp.Path, "a", "b");

        var prompt = await SystemPromptBuilder.BuildAsync(ProviderProfile.Anthropic("claude-opus-4-6"), new LocalExecutionEnvironment(cwd), null, null, CancellationToken.None);

        Assert.Equal(
            ["AGENTS.md@", "CLAUDE.md@", "AGENTS.md@a", "CLAUDE.md@a", "AGENTS.md@a/b", "CLAUDE.md@a/b"],
            Markers(prompt));
    }

    [Fact]
    public async Task Gemini_and_openai_load_only_their_own_provider_file()
    {
        await GitRepository.RunAsync(_temp.Path, "init -q");
        WriteAllProviderFiles("");
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var gemini = await SystemPromptBuilder.BuildAsync(ProviderProfile.Gemini("gemini-3-pro-preview"), environment, null, null, CancellationToken.None);
        var openai = await SystemPromptBuilder.BuildAsync(ProviderProfile.OpenAI("gpt-5.2-codex"), environment, null, null, CancellationToken.None);

        Assert.Equal(["AGENTS.md@", "GEMINI.md@"], Markers(gemini));
        Assert.Equal(["AGENTS.md@", ".codex/instructions.md@"], Markers(openai));
    }

    [Fact]
    public async Task Outside_a_repository_only_the_working_directory_is_searched()
    {
        WriteAllProviderFiles("");
        WriteAllProviderFiles("sub");
        var environment = new LocalExecutionEnvironment(Path.Combine(_temp.Path, "sub"));

        var documents = await ProjectDocuments.DiscoverAsync(environment, null, ["AGENTS.md", "CLAUDE.md"], CancellationToken.None);

        Assert.Equal(["AGENTS.md@sub", "CLAUDE.md@sub"], Markers(documents));
        Assert.StartsWith("# AGENTS.md\n", documents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_or_binary_file_with_an_instruction_name_is_skipped()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "CLAUDE.md"));
        File.WriteAllBytes(Path.Combine(_temp.Path, "GEMINI.md"), [1, 0, 2]);
        _temp.Write("AGENTS.md", "marker:AGENTS.md@");

        var documents = await ProjectDocuments.DiscoverAsync(new LocalExecutionEnvironment(_temp.Path), null, ["AGENTS.md", "CLAUDE.md", "GEMINI.md"], CancellationToken.None);

        Assert.Equal("# AGENTS.md\nmarker:AGENTS.md@", documents);
    }

    [Fact]
    public async Task No_files_give_empty_documents()
    {
        var documents = await ProjectDocuments.DiscoverAsync(new LocalExecutionEnvironment(_temp.Path), null, ["AGENTS.md"], CancellationToken.None);

        Assert.Equal(string.Empty, documents);
    }

    [Fact]
    public async Task More_than_32KB_is_cut_to_the_budget_with_the_marker()
    {
        _temp.Write("AGENTS.md", "root-start\n" + new string('x', 20_000));
        Directory.CreateDirectory(Path.Combine(_temp.Path, "deep"));
        // Multi-byte characters: the budget counts UTF-8 bytes, not chars.
        _temp.Write(Path.Combine("deep", "AGENTS.md"), "deep-start\n" + string.Concat(Enumerable.Repeat("é😀", 5_000)));
        var environment = new LocalExecutionEnvironment(Path.Combine(_temp.Path, "deep"));

        var documents = await ProjectDocuments.DiscoverAsync(environment, _temp.Path, ["AGENTS.md"], CancellationToken.None);

        Assert.EndsWith("\n[Project instructions truncated at 32KB]", documents, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(documents), (32 * 1024) - 6, 32 * 1024);
        Assert.Contains("root-start", documents, StringComparison.Ordinal);
        Assert.Contains("deep-start", documents, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', documents);
        Assert.DoesNotMatch(@"[\uD800-\uDBFF](?![\uDC00-\uDFFF])", documents);
    }

    [Fact]
    public async Task Exactly_32KB_is_not_cut()
    {
        var header = "# AGENTS.md\n";
        _temp.Write("AGENTS.md", new string('y', (32 * 1024) - header.Length));

        var documents = await ProjectDocuments.DiscoverAsync(new LocalExecutionEnvironment(_temp.Path), null, ["AGENTS.md"], CancellationToken.None);

        Assert.Equal(32 * 1024, Encoding.UTF8.GetByteCount(documents));
        Assert.DoesNotContain("truncated", documents, StringComparison.Ordinal);
    }

    private static List<string> Markers(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"marker:(\S+)").Select(match => match.Groups[1].Value)];

    private void WriteAllProviderFiles(string relativeDirectory)
    {
        foreach (var name in new[] { "AGENTS.md", "CLAUDE.md", "GEMINI.md", ".codex/instructions.md" })
        {
            _temp.Write(Path.Combine(relativeDirectory, name), $"marker:{name}@{relativeDirectory}");
        }
    }
}
