// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;

namespace Attractor.Agent.Tests;

public sealed class LocalExecutionEnvironmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Command_output_streams_and_exit_code_are_captured_separately()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var result = await environment.ExecCommandAsync("echo out; echo err >&2; exit 3", TimeSpan.FromSeconds(30), null, null, CancellationToken.None);

        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task Command_runs_in_bash_in_the_working_directory_with_extra_variables()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var result = await environment.ExecCommandAsync("echo \"$BASH_VERSION\" >/dev/null && [[ -n $BASH_VERSION ]] && pwd && echo $EXTRA", TimeSpan.FromSeconds(30), null, new Dictionary<string, string> { ["EXTRA"] = "x1" }, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{_temp.Path}\nx1\n", result.Stdout);
    }

    [Fact]
    public async Task A_sleeping_command_is_timed_out_with_its_partial_output()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var result = await environment.ExecCommandAsync("echo started; sleep 60", TimeSpan.FromMilliseconds(500), null, null, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.Equal("started\n", result.Stdout);
        Assert.True(result.Duration < TimeSpan.FromSeconds(50), result.Duration.ToString());
    }

    [Fact]
    public async Task A_command_ignoring_sigterm_is_killed_after_the_grace_period()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        var watch = Stopwatch.StartNew();

        var result = await environment.ExecCommandAsync("trap '' TERM; echo ready; while true; do sleep 1; done", TimeSpan.FromMilliseconds(500), null, null, CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.Equal("ready\n", result.Stdout);
        // SIGTERM was ignored, so only SIGKILL after the 2 s grace period ended it.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Background_children_of_a_timed_out_command_are_killed()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        var pidFile = Path.Combine(_temp.Path, "child.pid");

        var result = await environment.ExecCommandAsync($"sleep 120 & echo $! > '{pidFile}'; sleep 120", TimeSpan.FromMilliseconds(500), null, null, CancellationToken.None);

        Assert.True(result.TimedOut);
        var childPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ExitsAsync(childPid), $"background child {childPid} still running");
    }

    [Fact]
    public async Task Background_children_of_a_finished_command_are_ended()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        var pidFile = Path.Combine(_temp.Path, "child.pid");

        var result = await environment.ExecCommandAsync($"sleep 120 & echo $! > '{pidFile}'; echo done", TimeSpan.FromSeconds(30), null, null, CancellationToken.None);

        Assert.False(result.TimedOut);
        Assert.Equal("done\n", result.Stdout);
        var childPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ExitsAsync(childPid), $"background child {childPid} still running");
    }

    [Fact]
    public async Task Cancellation_terminates_the_command_group_and_throws()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        var pidFile = Path.Combine(_temp.Path, "shell.pid");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            environment.ExecCommandAsync($"echo $$ > '{pidFile}'; sleep 120", TimeSpan.FromMinutes(5), null, null, cancellation.Token));

        var shellPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ExitsAsync(shellPid), $"shell {shellPid} still running");
    }

    [Fact]
    public async Task Secret_variables_are_not_visible_to_the_child_by_default()
    {
        System.Environment.SetEnvironmentVariable("AGENTENV_TEST_API_KEY", "sk-secret");
        System.Environment.SetEnvironmentVariable("AGENTENV_TEST_PLAIN", "visible");
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var result = await environment.ExecCommandAsync("echo \"[$AGENTENV_TEST_API_KEY][$AGENTENV_TEST_PLAIN]\"; env | grep -c sk-secret || true", TimeSpan.FromSeconds(30), null, null, CancellationToken.None);

        Assert.Equal("[][visible]\n0\n", result.Stdout);
    }

    [Fact]
    public async Task An_allowed_name_passes_a_secret_and_core_only_drops_the_rest()
    {
        System.Environment.SetEnvironmentVariable("AGENTENV_TEST2_TOKEN", "t0k");
        System.Environment.SetEnvironmentVariable("AGENTENV_TEST2_PLAIN", "visible");
        var policy = new EnvironmentVariablePolicy { Inheritance = EnvironmentInheritance.CoreOnly, AllowedNames = ["AGENTENV_TEST2_TOKEN"] };
        var environment = new LocalExecutionEnvironment(_temp.Path, new LocalExecutionEnvironmentOptions { EnvironmentPolicy = policy });

        var result = await environment.ExecCommandAsync("echo \"[$AGENTENV_TEST2_TOKEN][$AGENTENV_TEST2_PLAIN][${PATH:+path}]\"", TimeSpan.FromSeconds(30), null, null, CancellationToken.None);

        Assert.Equal("[t0k][][path]\n", result.Stdout);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", false)]
    [InlineData("github_token", false)]
    [InlineData("DB_PASSWORD", false)]
    [InlineData("AWS_SECRET", false)]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS", false)]
    [InlineData("SERVICE_CREDENTIAL", false)]
    [InlineData("PATH", true)]
    [InlineData("TOKENIZER_PATH", true)]
    public void Default_policy_excludes_secret_names_case_insensitively(string name, bool allowed) =>
        Assert.Equal(allowed, EnvironmentVariablePolicy.Default.Allows(name));

    [Fact]
    public async Task Files_are_written_with_parents_read_by_line_range_listed_and_globbed()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        await environment.WriteFileAsync("a/b/c.txt", "one\ntwo\nthree\n", CancellationToken.None);
        await environment.WriteFileAsync("a/d.cs", "x", CancellationToken.None);
        File.SetLastWriteTimeUtc(Path.Combine(_temp.Path, "a/d.cs"), DateTime.UtcNow.AddHours(-1));

        Assert.True(await environment.FileExistsAsync("a/b/c.txt", CancellationToken.None));
        Assert.Equal("two\nthree\n", await environment.ReadFileAsync("a/b/c.txt", 2, null, CancellationToken.None));
        Assert.Equal("two\n", await environment.ReadFileAsync("a/b/c.txt", 2, 1, CancellationToken.None));
        var listing = await environment.ListDirectoryAsync("a", 2, CancellationToken.None);
        Assert.Equal(["b", "b/c.txt", "d.cs"], listing.Select(e => e.Name));
        Assert.Equal([true, false, false], listing.Select(e => e.IsDirectory));
        var all = await environment.GlobAsync("**/*.{txt,cs}", _temp.Path, CancellationToken.None);
        Assert.Equal([Path.Combine(_temp.Path, "a/b/c.txt"), Path.Combine(_temp.Path, "a/d.cs")], all);
        Assert.Equal([Path.Combine(_temp.Path, "a/d.cs")], await environment.GlobAsync("a/*.cs", _temp.Path, CancellationToken.None));
    }

    [Fact]
    public async Task Missing_and_binary_files_are_reported()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);
        await File.WriteAllBytesAsync(Path.Combine(_temp.Path, "bin.dat"), [1, 0, 2]);

        await Assert.ThrowsAsync<FileNotFoundException>(() => environment.ReadFileAsync("nope.txt", null, null, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => environment.ReadFileAsync("bin.dat", null, null, CancellationToken.None));
    }

    [Theory]
    [InlineData(GrepImplementation.Auto)]
    [InlineData(GrepImplementation.Managed)]
    public async Task Grep_finds_lines_with_filter_case_and_limit(GrepImplementation implementation)
    {
        var environment = new LocalExecutionEnvironment(_temp.Path, new LocalExecutionEnvironmentOptions { Grep = implementation });
        var a = _temp.Write("src/a.py", "import os\nHello world\nhello again\n");
        _temp.Write("src/b.txt", "hello txt\n");

        var sensitive = await environment.GrepAsync("hello", _temp.Path, new GrepOptions { GlobFilter = "*.py" }, CancellationToken.None);
        var insensitive = await environment.GrepAsync("hello", _temp.Path, new GrepOptions { GlobFilter = "*.py", CaseInsensitive = true }, CancellationToken.None);
        var limited = await environment.GrepAsync("hello", _temp.Path, new GrepOptions { CaseInsensitive = true, MaxResults = 1 }, CancellationToken.None);

        Assert.Equal($"{a}:3:hello again\n", sensitive);
        Assert.Equal($"{a}:2:Hello world\n{a}:3:hello again\n", insensitive);
        Assert.Single(limited.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await Assert.ThrowsAsync<ArgumentException>(() => environment.GrepAsync("(unclosed", _temp.Path, new GrepOptions(), CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(() => environment.GrepAsync("x", "missing-dir", new GrepOptions(), CancellationToken.None));
    }

    [Fact]
    public void Auto_grep_uses_ripgrep_exactly_when_rg_is_on_path()
    {
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, "rg")));
        Assert.Equal(onPath, Ripgrep.Path is not null);
    }

    private static async Task<bool> ExitsAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
