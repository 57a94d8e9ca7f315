// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests;

/// <summary>Each profile's shell default timeout (spec §3.4–3.6): observed through a consumer-written environment around the real one.</summary>
public sealed class ShellTimeoutTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, int> Profiles => new() { { "openai", 10 }, { "anthropic", 120 }, { "gemini", 10 } };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Shell_uses_the_profile_default_timeout_unless_the_call_sets_one(string id, int seconds)
    {
        var profile = id switch
        {
            "openai" => ProviderProfile.OpenAI(),
            "anthropic" => ProviderProfile.Anthropic(),
            _ => ProviderProfile.Gemini(),
        };
        var environment = new TimeoutRecordingEnvironment(new LocalExecutionEnvironment(_temp.Path));

        var plain = await profile.ToolRegistry.ExecuteAsync(ToolCall.FromData(new ToolCallData("1", "shell", """{"command":"echo ok"}""")), environment, null, CancellationToken.None);
        var explicitTimeout = await profile.ToolRegistry.ExecuteAsync(ToolCall.FromData(new ToolCallData("2", "shell", """{"command":"echo ok","timeout_ms":2500}""")), environment, null, CancellationToken.None);

        Assert.False(plain.IsError);
        Assert.False(explicitTimeout.IsError);
        Assert.Equal([TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(2500)], environment.Timeouts);
    }

    private sealed class TimeoutRecordingEnvironment(IExecutionEnvironment inner) : ForwardingEnvironment(inner)
    {
        public List<TimeSpan> Timeouts { get; } = [];

        public override Task<ExecResult> ExecCommandAsync(string command, TimeSpan timeout, string? workingDirectory, IReadOnlyDictionary<string, string>? environmentVariables, CancellationToken cancellationToken)
        {
            Timeouts.Add(timeout);
            return base.ExecCommandAsync(command, timeout, workingDirectory, environmentVariables, cancellationToken);
        }
    }
}
