// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Attractor.Pipelines.Handlers;
using Attractor.Processes;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>The tool handler's process-group plumbing.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    [Fact]
    public async Task Tool_shell_leads_its_own_process_group()
    {
        if (ProcessGroup.Setsid is null)
        {
            return; // setsid is not installed: the tree-kill fallback below applies.
        }

        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("tool", ("tool_command", "echo $$; cut -d' ' -f5 /proc/$$/stat"))]);
        var outcome = await new ToolHandler().ExecuteAsync(_stage.Create(graph, "tool"), CancellationToken.None);
        var lines = ((string)outcome.ContextUpdates["tool.output"]!).Split('\n');
        Assert.Equal(lines[0], lines[1]);
        Assert.NotEqual(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), lines[0]);
    }

    [Fact]
    public async Task Without_a_group_the_process_tree_is_killed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX shell test.
        }

        var startInfo = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.FileName = "/bin/sh";
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("sleep 30 & echo $!; wait");
        using var process = Process.Start(startInfo)!;
        var line = await process.StandardOutput.ReadLineAsync();
        var grandchild = int.Parse(line!, CultureInfo.InvariantCulture);

        var stopwatch = Stopwatch.StartNew();
        await ProcessGroup.TerminateAsync(process, ownGroup: false, TimeSpan.FromMilliseconds(200));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.True(process.HasExited);
        for (var i = 0; i < 40 && IsAlive(grandchild); i++)
        {
            await Task.Delay(25);
        }

        Assert.False(IsAlive(grandchild));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not "Z" and not "X";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
