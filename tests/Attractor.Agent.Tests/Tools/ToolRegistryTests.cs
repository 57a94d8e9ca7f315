// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;

namespace Attractor.Agent.Tests;

public sealed class ToolRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalExecutionEnvironment _environment;
    private readonly ToolRegistry _registry = new();

    public ToolRegistryTests()
    {
        _environment = new LocalExecutionEnvironment(_temp.Path);
        foreach (var tool in CoreTools.All())
        {
            _registry.Register(tool);
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Definitions_list_the_core_tools_with_the_spec_parameter_names()
    {
        Assert.Equal(["read_file", "write_file", "edit_file", "shell", "grep", "glob"], _registry.Names());
        var definitions = _registry.Definitions().ToDictionary(d => d.Name);
        Assert.Equal(["file_path", "offset", "limit"], PropertyNames(definitions["read_file"]));
        Assert.Equal(["file_path", "old_string", "new_string", "replace_all"], PropertyNames(definitions["edit_file"]));
        Assert.Equal(["command", "timeout_ms", "description"], PropertyNames(definitions["shell"]));
        Assert.Equal(["pattern", "path", "glob_filter", "case_insensitive", "max_results"], PropertyNames(definitions["grep"]));
        Assert.Equal(["pattern", "path"], PropertyNames(definitions["glob"]));
    }

    [Fact]
    public async Task Register_replaces_a_tool_of_the_same_name_and_unregister_removes_it()
    {
        _registry.Register(AgentTool.Create("shell", "custom", """{"type":"object"}""", (_, _, _) => Task.FromResult(ToolOutput.Success("custom shell"))));

        var result = await RunAsync("shell", """{"command":"echo real"}""");

        Assert.Equal("custom shell", result.Output);
        Assert.Equal(6, _registry.Names().Count);
        Assert.True(_registry.Unregister("shell"));
        Assert.Null(_registry.Get("shell"));
    }

    [Fact]
    public async Task Unknown_tools_invalid_arguments_and_exceptions_become_error_results()
    {
        _registry.Register(AgentTool.Create("boom", "throws", """{"type":"object"}""", (_, _, _) => throw new InvalidOperationException("kaput")));

        var unknown = await RunAsync("nope", "{}");
        var missing = await RunAsync("read_file", "{}");
        var wrongType = await RunAsync("shell", """{"command":42}""");
        var malformed = await _registry.ExecuteAsync(ToolCall.FromData(new ToolCallData("c1", "shell", "{not json")), _environment, null, CancellationToken.None);
        var thrown = await RunAsync("boom", "{}");

        Assert.All([unknown, missing, wrongType, malformed, thrown], r => Assert.True(r.IsError));
        Assert.StartsWith("Unknown tool 'nope'. Available tools: read_file, write_file", unknown.Output, StringComparison.Ordinal);
        Assert.Contains("file_path", missing.Output, StringComparison.Ordinal);
        Assert.StartsWith("Invalid arguments for tool 'shell'", wrongType.Output, StringComparison.Ordinal);
        Assert.Contains("not valid JSON: {not json", malformed.Output, StringComparison.Ordinal);
        Assert.Equal("Tool 'boom' failed: kaput", thrown.Output);
        Assert.True(thrown.ToToolResult().IsError);
    }

    [Fact]
    public async Task Read_file_numbers_lines_and_honours_offset_and_limit()
    {
        var path = _temp.Write("f.txt", string.Join('\n', Enumerable.Range(1, 12).Select(i => "line " + i)) + "\n");

        var all = await RunAsync("read_file", Args(new { file_path = path }));
        var range = await RunAsync("read_file", Args(new { file_path = path, offset = 9, limit = 2 }));

        Assert.StartsWith(" 1 | line 1\n 2 | line 2\n", all.Output, StringComparison.Ordinal);
        Assert.EndsWith("12 | line 12\n", all.Output, StringComparison.Ordinal);
        Assert.Equal(" 9 | line 9\n10 | line 10\n", range.Output);
    }

    [Fact]
    public async Task Read_file_reports_missing_and_binary_files_as_errors()
    {
        await File.WriteAllBytesAsync(Path.Combine(_temp.Path, "b.bin"), [0x89, 0x50, 0, 0, 1]);

        var missing = await RunAsync("read_file", Args(new { file_path = Path.Combine(_temp.Path, "none.txt") }));
        var binary = await RunAsync("read_file", Args(new { file_path = Path.Combine(_temp.Path, "b.bin") }));

        Assert.True(missing.IsError);
        Assert.Contains("File not found", missing.Output, StringComparison.Ordinal);
        Assert.True(binary.IsError);
        Assert.Contains("Binary file", binary.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_file_creates_parent_directories_and_reports_bytes()
    {
        var path = Path.Combine(_temp.Path, "new/dir/x.txt");

        var result = await RunAsync("write_file", Args(new { file_path = path, content = "héllo" }));

        Assert.False(result.IsError);
        Assert.Equal($"Wrote 6 bytes to {path}", result.Output);
        Assert.Equal("héllo", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Edit_file_replaces_a_unique_match_and_refuses_ambiguous_or_missing_ones()
    {
        var path = _temp.Write("e.txt", "a = 1\nb = 1\nc = 2\n");

        var ambiguous = await RunAsync("edit_file", Args(new { file_path = path, old_string = "= 1", new_string = "= 3" }));
        var absent = await RunAsync("edit_file", Args(new { file_path = path, old_string = "zzz", new_string = "y" }));
        var unique = await RunAsync("edit_file", Args(new { file_path = path, old_string = "c = 2", new_string = "c = 4" }));
        var all = await RunAsync("edit_file", Args(new { file_path = path, old_string = "= 1", new_string = "= 5", replace_all = true }));

        Assert.True(ambiguous.IsError);
        Assert.Contains("matches 2 locations", ambiguous.Output, StringComparison.Ordinal);
        Assert.True(absent.IsError);
        Assert.Contains("not found", absent.Output, StringComparison.Ordinal);
        Assert.Equal($"Replaced 1 occurrence in {path}", unique.Output);
        Assert.Equal($"Replaced 2 occurrences in {path}", all.Output);
        Assert.Equal("a = 5\nb = 5\nc = 4\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Shell_reports_output_exit_code_and_duration()
    {
        var ok = await RunAsync("shell", """{"command":"echo hi; echo warn >&2"}""");
        var failed = await RunAsync("shell", """{"command":"exit 7"}""");

        Assert.False(ok.IsError);
        Assert.Matches(@"^hi\n\[stderr\]\nwarn\n\[exit code: 0, duration: \d+ ms\]$", ok.Output);
        Assert.True(failed.IsError);
        Assert.StartsWith("[exit code: 7,", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_timeout_ms_overrides_the_default_and_appends_the_spec_message()
    {
        var result = await RunAsync("shell", """{"command":"echo partial; sleep 30","timeout_ms":300}""");

        Assert.True(result.IsError);
        Assert.StartsWith("partial\n[exit code: ", result.Output, StringComparison.Ordinal);
        Assert.EndsWith(
            "[ERROR: Command timed out after 300ms. Partial output is shown above.\nYou can retry with a longer timeout by setting the timeout_ms parameter.]",
            result.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_default_timeout_comes_from_the_options()
    {
        var registry = new ToolRegistry();
        registry.Register(CoreTools.Shell(new ShellToolOptions { DefaultTimeout = TimeSpan.FromMilliseconds(400) }));

        var result = await registry.ExecuteAsync(Call("shell", """{"command":"sleep 30"}"""), _environment, null, CancellationToken.None);

        Assert.Contains("[ERROR: Command timed out after 400ms.", result.Output, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), new ShellToolOptions().DefaultTimeout);
    }

    [Fact]
    public async Task Calls_can_be_dispatched_concurrently()
    {
        var calls = Enumerable.Range(0, 8).Select(i => _registry.ExecuteAsync(Call("shell", $$$"""{"command":"sleep 0.2; echo {{{i}}}"}"""), _environment, null, CancellationToken.None));

        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{i}\n"), results.Select(r => r.Output[..r.Output.IndexOf('[', StringComparison.Ordinal)]));
        Assert.All(results, r => Assert.False(r.IsError));
    }

    [Fact]
    public async Task Long_output_is_truncated_for_the_model_but_kept_in_full()
    {
        var result = await RunAsync("shell", """{"command":"seq 1 1000"}""");

        Assert.Contains("1000\n", result.FullOutput, StringComparison.Ordinal);
        Assert.Contains("[... 745 lines omitted ...]", result.Output, StringComparison.Ordinal);
        Assert.Equal(257, result.Output.Split('\n').Length);
        var limited = await _registry.ExecuteAsync(Call("shell", """{"command":"seq 1 1000"}"""), _environment, new ToolOutputLimits { CharLimits = new Dictionary<string, int> { ["shell"] = 100 } }, CancellationToken.None);
        Assert.Contains("[WARNING: Tool output was truncated.", limited.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grep_and_glob_tools_search_the_working_directory_by_default()
    {
        var older = _temp.Write("src/old.py", "def find_me():\n    pass\n");
        var newer = _temp.Write("src/new.py", "x = 1\n");
        _temp.Write("notes.md", "find_me too\n");
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddMinutes(-10));

        var grep = await RunAsync("grep", """{"pattern":"FIND_ME","case_insensitive":true,"glob_filter":"*.py"}""");
        var none = await RunAsync("grep", """{"pattern":"absent_text"}""");
        var glob = await RunAsync("glob", """{"pattern":"**/*.py"}""");
        var badRegex = await RunAsync("grep", """{"pattern":"(x"}""");

        Assert.Equal($"{older}:1:def find_me():\n", grep.Output);
        Assert.Equal("No matches found.", none.Output);
        Assert.Equal($"{newer}\n{older}", glob.Output);
        Assert.True(badRegex.IsError);
    }

    private static IEnumerable<string> PropertyNames(ToolDefinition definition) =>
        definition.Parameters.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static string Args(object value) => JsonSerializer.Serialize(value);

    private static ToolCall Call(string name, string arguments) => ToolCall.FromData(new ToolCallData("call-1", name, arguments));

    private Task<ToolExecutionResult> RunAsync(string name, string arguments) =>
        _registry.ExecuteAsync(Call(name, arguments), _environment, null, CancellationToken.None);
}
