// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Tests.Telemetry;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Matrix;

/// <summary>
/// Issue 7's matrix: every backend (simulate, llm, agent, claude-code, codex, gemini-cli) × {success, retryable
/// failure then success, non-retryable failure, cancel before start, cancel mid-stream} through the
/// <see cref="BackendRouter"/> gives the identical lifecycle shape (recorded in <c>backend-events.jsonl</c>) and the
/// identical telemetry deltas; the engine retries only the retryable failure.
/// </summary>
public sealed class BackendMatrixTests
{
    private const string Graph = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          work [prompt="say hello", max_retries=2 ATTRIBUTES]
          start -> work -> exit
        }
        """;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var backend in MatrixRig.Backends)
        {
            foreach (var scenario in MatrixRig.Scenarios)
            {
                cases.Add(backend, scenario);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_backend_reports_the_same_lifecycle_and_telemetry(string backend, string scenario)
    {
        await using var rig = await MatrixRig.StartAsync(backend, scenario);
        using var telemetry = new BackendTelemetry("Attractor.Backends.Tests." + Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource();
        using var metrics = new MetricsRecorder(telemetry);
        await using var router = new BackendRouter(backend, rig.Create, telemetry)
        {
            // Mid-stream: the first text has arrived, the backend's work is running.
            OnEvent = e =>
            {
                if (scenario == "cancel_mid_stream" && e is BackendDelta)
                {
                    cancel.Cancel();
                }
            },
        };
        var stageDirectory = Path.Combine(rig.LogsRoot, "work");

        PipelineResult? result = null;
        if (scenario.StartsWith("cancel", StringComparison.Ordinal))
        {
            if (scenario == "cancel_before_start")
            {
                await cancel.CancelAsync();
            }

            Directory.CreateDirectory(stageDirectory);
            var request = new CodergenRequest(new PipelineNode("work", AttributeMap.FromPairs(rig.NodeAttributes())), "say hello", new PipelineContext(), FidelityResolution.Default, stageDirectory);
            var run = router.RunAsync(request, cancel.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        else
        {
            var attributes = string.Concat(rig.NodeAttributes().Select(pair => ", " + pair.Key + "=\"" + pair.Value + "\""));
            var runner = new PipelineRunner(new PipelineRunOptions
            {
                Backend = router,
                LogsRoot = rig.LogsRoot,
                RetryBackoff = BackoffConfig.None,
                ErrorClassifier = BackendRetryRule.Classifier,
            });
            result = await runner.RunAsync(PipelineLoader.Default.Load(Graph.Replace(" ATTRIBUTES", attributes, StringComparison.Ordinal)).Graph);
        }

        var recorded = BackendEventLog.Read(Path.Combine(stageDirectory, BackendEventLog.FileName));
        Assert.All(recorded, e => Assert.Equal(backend, e.Event.Source.Backend));
        Assert.All(recorded, e => Assert.Equal("work", e.Event.Source.NodeId));
        Assert.Equal(Expected[scenario].Shape, Shape(recorded));
        Assert.Equal(Expected[scenario].Telemetry, Telemetry(metrics, backend));

        switch (scenario)
        {
            case "success" or "retryable_then_success":
                Assert.True(result!.Succeeded, result.FailureReason);
                Assert.False(string.IsNullOrWhiteSpace(File.ReadAllText(Path.Combine(stageDirectory, CodergenHandler.ResponseFileName))));
                var completed = recorded[^1].Event;
                Assert.True(completed.Source.Execution.IsAvailable, "the completed event carries the execution reference");
                break;
            case "non_retryable":
                Assert.False(result!.Succeeded);
                Assert.Contains("not retried", File.ReadAllText(Path.Combine(stageDirectory, StatusFile.FileName)), StringComparison.Ordinal);
                break;
            case "cancel_mid_stream":
                Assert.True(recorded[0].Event.Source.Execution.IsAvailable, "started carries the execution reference");
                Assert.NotNull(recorded[^1].CancelLatencyMs);
                break;
        }

        if (result is not null)
        {
            var retries = File.ReadLines(Path.Combine(rig.LogsRoot, "events.jsonl")).Count(line => line.Contains("\"stage_retrying\"", StringComparison.Ordinal));
            Assert.Equal(scenario == "retryable_then_success" ? 1 : 0, retries);
        }
    }

    private static readonly Dictionary<string, (string[] Shape, string[] Telemetry)> Expected = new(StringComparer.Ordinal)
    {
        ["success"] = (
            ["1: started > delta > completed"],
            ["duration completed=1", "events completed=1", "events started=1"]),
        ["retryable_then_success"] = (
            ["1: started > failed provider retryable", "2: started > delta > completed"],
            ["duration completed=1", "duration failed=1", "events completed=1", "events failed=1", "events started=2", "failures provider/True=1", "retries provider=1"]),
        ["non_retryable"] = (
            ["1: started > failed auth"],
            ["duration failed=1", "events failed=1", "events started=1", "failures auth/False=1"]),
        ["cancel_before_start"] = (
            ["1: started > canceled not_available"],
            ["cancel-latency not_available=1", "cancels not_available=1", "duration canceled=1", "events canceled=1", "events started=1"]),
        ["cancel_mid_stream"] = (
            ["1: started > delta > canceled ok"],
            ["cancel-latency ok=1", "cancels ok=1", "duration canceled=1", "events canceled=1", "events started=1"]),
    };

    /// <summary>Per attempt: started, whether text streamed (completed and canceled attempts), and the terminal event with its category or cancel result.</summary>
    private static string[] Shape(IReadOnlyList<RecordedBackendEvent> recorded) =>
        [.. recorded.GroupBy(e => e.Event.Source.Attempt).OrderBy(group => group.Key).Select(group =>
        {
            var events = group.Select(e => e.Event).ToList();
            Assert.Single(events, e => e.IsTerminal);
            Assert.True(events[^1].IsTerminal, "the terminal event is the attempt's last");
            var parts = new List<string> { events[0].Kind };
            if (events[^1] is not BackendFailed && events.Any(e => e is BackendDelta))
            {
                parts.Add("delta");
            }

            parts.Add(events[^1] switch
            {
                BackendFailed failed => "failed " + BackendError.CategoryName(failed.Error.Category) + (failed.Error.Retryable ? " retryable" : string.Empty),
                BackendCanceled canceled => "canceled " + (canceled.Result switch { CancelResult.Ok => "ok", CancelResult.NotAvailable => "not_available", _ => "failed" }),
                var other => other.Kind,
            });
            return group.Key + ": " + string.Join(" > ", parts);
        })];

    /// <summary>The telemetry deltas that must not depend on the backend (chunk counts do: the streams differ).</summary>
    private static string[] Telemetry(MetricsRecorder metrics, string backend)
    {
        Assert.All(metrics.Measurements, m => Assert.Equal(backend, m.Tags.GetValueOrDefault("backend")));
        var lines = new List<string>();
        Add("events", metrics.Summary("attractor.backend.events", count: false, "kind").Where(pair => pair.Key is "started" or "completed" or "failed" or "canceled"));
        Add("duration", metrics.Summary("attractor.backend.stream.duration", count: true, "outcome"));
        Add("failures", metrics.Summary("attractor.backend.failures", count: false, "category", "retryable"));
        Add("cancels", metrics.Summary("attractor.backend.cancels", count: false, "result"));
        Add("cancel-latency", metrics.Summary("attractor.backend.cancel.latency", count: true, "result"));
        Add("retries", metrics.Summary("attractor.backend.retries", count: false, "category"));
        lines.Sort(StringComparer.Ordinal);
        return [.. lines];

        void Add(string name, IEnumerable<KeyValuePair<string, double>> values) =>
            lines.AddRange(values.Select(pair => name + " " + pair.Key + "=" + pair.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
