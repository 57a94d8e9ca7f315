// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests;

/// <summary>Consumers can write their own environments (spec §4.3–4.4); here a decorator that confines commands to a sandbox prefix.</summary>
public sealed class CustomEnvironmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Core_tools_run_through_a_consumer_written_environment()
    {
        var environment = new PrefixingEnvironment(new LocalExecutionEnvironment(_temp.Path), "export SANDBOXED=yes;");
        var registry = new ToolRegistry();
        registry.Register(CoreTools.Shell());
        registry.Register(CoreTools.WriteFile());

        var shell = await registry.ExecuteAsync(ToolCall.FromData(new ToolCallData("1", "shell", """{"command":"echo $SANDBOXED"}""")), environment, null, CancellationToken.None);
        var write = await registry.ExecuteAsync(ToolCall.FromData(new ToolCallData("2", "write_file", """{"file_path":"out.txt","content":"x"}""")), environment, null, CancellationToken.None);

        Assert.StartsWith("yes\n", shell.Output, StringComparison.Ordinal);
        Assert.False(write.IsError);
        Assert.Equal(["echo $SANDBOXED"], environment.Commands);
        Assert.True(File.Exists(Path.Combine(_temp.Path, "out.txt")));
    }

    private sealed class PrefixingEnvironment(IExecutionEnvironment inner, string prefix) : ForwardingEnvironment(inner)
    {
        public List<string> Commands { get; } = [];

        public override Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, CancellationToken cancellationToken)
        {
            Commands.Add(command);
            return base.ExecCommandAsync(prefix + command, timeout, workingDirectory, environmentVariables, cancellationToken);
        }
    }
}
