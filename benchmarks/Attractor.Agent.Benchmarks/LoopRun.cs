// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Benchmarks;

/// <summary>One scripted session from submit to natural completion, its events drained as a consumer would.</summary>
/// <remarks>The client is not disposed: its only adapter owns nothing.</remarks>
public sealed class LoopRun
{
    private readonly IReadOnlyList<Response> _script;
    private readonly ToolRegistry _tools = LoopScript.Tools();
    private readonly LocalExecutionEnvironment _environment = new(Path.GetTempPath());

    // A context window large enough that the ~80 % warning never fires, so the usage check runs on every turn (its
    // worst case); no turn limits; streaming (the default) or single-shot calls.
    private readonly SessionConfig _config;

    public LoopRun(int modelCalls, bool streaming, bool record)
    {
        _script = LoopScript.Responses(modelCalls);
        Adapter = new InstantAdapter(_script, [.. _script.Select(LoopScript.Stream)], record);
        _config = new SessionConfig { ContextWindowSize = 100_000_000, Streaming = streaming };
        Client = new LlmClient([Adapter], InstantAdapter.ProviderName);
    }

    public InstantAdapter Adapter { get; }

    public LlmClient Client { get; }


    /// <summary>Runs the session and checks it made every scripted call.</summary>
    /// <returns>The number of events the session emitted.</returns>
    public async Task<int> RunAsync()
    {
        Adapter.Reset();
        var session = new Session(Client, InstantAdapter.ProviderName, "bench-model", _environment, _tools, LoopScript.SystemPrompt, _config);
        var drained = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in session.Events.ConfigureAwait(false))
            {
                count++;
            }

            return count;
        });
        await session.SubmitAsync("Add the new syntax to the parser and make the tests pass.").ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
        var events = await drained.ConfigureAwait(false);
        if (Adapter.Calls != _script.Count || session.State != SessionState.Closed)
        {
            throw new InvalidOperationException($"The session made {Adapter.Calls} of {_script.Count} calls and ended {session.State}.");
        }

        return events;
    }
}
