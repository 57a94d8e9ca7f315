// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Agent.Patching;
using Attractor.Llm;

namespace Attractor.Agent.Tests.Patching;

/// <summary>The apply_patch tool through the registry and a real local execution environment.</summary>
public sealed class ApplyPatchToolTests : IDisposable
{
    private readonly PatchTempDirectory _dir = new();
    private readonly LocalExecutionEnvironment _environment;
    private readonly ToolRegistry _registry = new();

    public ApplyPatchToolTests()
    {
        _environment = new LocalExecutionEnvironment(_dir.Path);
        _registry.Register(ApplyPatchTool.Create());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_definition_takes_one_patch_string()
    {
        var definition = Assert.Single(_registry.Definitions());
        Assert.Equal("apply_patch", definition.Name);
        Assert.StartsWith("Apply code changes using the patch format.", definition.Description, StringComparison.Ordinal);
        Assert.Equal(["patch"], definition.Parameters.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["patch"], definition.Parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_patch_adds_updates_moves_and_deletes_through_the_environment()
    {
        _dir.Write("src/main.py", "def main():\r\n    return 0\r\n");
        _dir.Write("old.txt", "old\n");
        _dir.Write("gone.txt", "gone\n");

        var result = await RunAsync("""
            *** Begin Patch
            *** Add File: docs/new.md
            +# New
            *** Update File: src/main.py
            @@ def main():
            -    return 0
            +    return 1
            *** Update File: old.txt
            *** Move to: renamed/new.txt
            *** Delete File: gone.txt
            *** End Patch
            """);

        Assert.False(result.IsError, result.Output);
        Assert.Equal("Success. Updated the following files:\nA docs/new.md\nM src/main.py\nR old.txt -> renamed/new.txt\nD gone.txt\n", result.Output);
        Assert.Equal("# New\n", _dir.Read("docs/new.md"));
        Assert.Equal("def main():\r\n    return 1\r\n", _dir.Read("src/main.py"));
        Assert.Equal("old\n", _dir.Read("renamed/new.txt"));
        Assert.False(File.Exists(_dir.Full("old.txt")));
        Assert.False(File.Exists(_dir.Full("gone.txt")));
    }

    [Fact]
    public async Task A_rejected_patch_is_an_error_result_and_changes_nothing()
    {
        _dir.Write("a.txt", "alpha\n");
        _dir.Write("b.txt", "beta\n");

        var parse = await RunAsync("*** Begin Patch\n*** Update File: a.txt\n@@\n-alpha\n+ALPHA\n");
        var apply = await RunAsync("*** Begin Patch\n*** Update File: a.txt\n@@\n-alpha\n+ALPHA\n*** Update File: b.txt\n@@\n-gamma\n+GAMMA\n*** End Patch");

        Assert.True(parse.IsError);
        Assert.Equal("Invalid patch at line 5: expected '*** End Patch' as the last line, found '+ALPHA'", parse.Output);
        Assert.True(apply.IsError);
        Assert.StartsWith("Failed to apply hunk 1 of 'b.txt' (patch line 7): could not find these lines", apply.Output, StringComparison.Ordinal);
        Assert.Equal("alpha\n", _dir.Read("a.txt"));
        Assert.Equal("beta\n", _dir.Read("b.txt"));
    }

    [Theory]
    [InlineData("../escape.txt", "The path '../escape.txt' leaves the working directory.")]
    [InlineData("/tmp/escape.txt", "The path '/tmp/escape.txt' is absolute; patch paths must be relative to the working directory.")]
    [InlineData("a/..", "The path 'a/..' leaves the working directory.")]
    public async Task Paths_outside_the_working_directory_are_errors(string path, string message)
    {
        var result = await RunAsync($"*** Begin Patch\n*** Add File: {path}\n+x\n*** End Patch");

        Assert.True(result.IsError);
        Assert.Equal(message, result.Output);
    }

    [Fact]
    public async Task A_binary_file_is_an_error_result()
    {
        await File.WriteAllBytesAsync(_dir.Full("bin.dat"), [1, 0, 2, (byte)'\n']);

        var result = await RunAsync("*** Begin Patch\n*** Update File: bin.dat\n@@\n-x\n+y\n*** End Patch");

        Assert.True(result.IsError);
        Assert.StartsWith("Cannot patch 'bin.dat': Binary file", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_environments_delete_through_their_shell()
    {
        _dir.Write("dir with space/it's here.txt", "x\n");
        _dir.Write("keep.txt", "k\n");

        var result = await _registry.ExecuteAsync(
            ToolCall.FromData(new ToolCallData("call-2", "apply_patch", JsonSerializer.Serialize(new { patch = "*** Begin Patch\n*** Delete File: dir with space/it's here.txt\n*** End Patch" }))),
            new ForwardingEnvironment(_environment),
            null,
            CancellationToken.None);

        Assert.False(result.IsError, result.Output);
        Assert.Equal("Success. Updated the following files:\nD dir with space/it's here.txt\n", result.Output);
        Assert.False(File.Exists(_dir.Full("dir with space/it's here.txt")));
        Assert.True(File.Exists(_dir.Full("keep.txt")));
    }

    private Task<ToolExecutionResult> RunAsync(string patch) =>
        _registry.ExecuteAsync(
            ToolCall.FromData(new ToolCallData("call-1", "apply_patch", JsonSerializer.Serialize(new { patch }))),
            _environment,
            null,
            CancellationToken.None);
}
