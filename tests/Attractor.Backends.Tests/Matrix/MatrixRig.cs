// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Agent;
using Attractor.Backends.Harness;
using Attractor.Backends.Tests.Harness;
using Attractor.Llm.FakeProvider;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends.Tests.Matrix;

/// <summary>
/// One backend scripted for one matrix scenario: the fake provider on 127.0.0.1 for <c>llm</c> and <c>agent</c>, a
/// real stand-in CLI process replaying recorded streams for the harness backends, node attributes for <c>simulate</c>.
/// </summary>
internal sealed class MatrixRig : IAsyncDisposable
{
    /// <summary>Replays a recorded stream: the first FAIL_TIMES runs replay the failure, HANG_LINES replays that many lines and hangs.</summary>
    private const string Script = """
        #!/bin/sh
        n=$(cat "$COUNT_FILE" 2>/dev/null || echo 0)
        n=$((n + 1))
        echo "$n" > "$COUNT_FILE"
        if [ -n "$HANG_LINES" ]; then
          head -n "$HANG_LINES" "$FIXTURE"
          exec sleep 300
        fi
        if [ "$n" -le "${FAIL_TIMES:-0}" ]; then
          [ -n "$FAIL_STDERR" ] && cat "$FAIL_STDERR" >&2
          cat "$FAIL_FIXTURE"
          exit "${FAIL_CODE:-1}"
        fi
        cat "$FIXTURE"
        exit 0
        """;

    private readonly BackendHarness _harness;
    private readonly string _backend;
    private readonly string _scenario;

    private MatrixRig(BackendHarness harness, string backend, string scenario)
    {
        _harness = harness;
        _backend = backend;
        _scenario = scenario;
    }

    public static IReadOnlyList<string> Backends { get; } = ["simulate", "llm", "agent", "claude-code", "codex", "gemini-cli"];

    public static IReadOnlyList<string> Scenarios { get; } = ["success", "retryable_then_success", "non_retryable", "cancel_before_start", "cancel_mid_stream"];

    public string Workspace => _harness.Workspace;

    public string LogsRoot => _harness.LogsRoot;

    public static async Task<MatrixRig> StartAsync(string backend, string scenario)
    {
        var rig = new MatrixRig(await BackendHarness.StartAsync(), backend, scenario);
        rig.Script_();
        return rig;
    }

    /// <summary>The node attributes of the scenario (simulate's failure rehearsal; none for the others).</summary>
    public (string Key, string Value)[] NodeAttributes() => (_backend, _scenario) switch
    {
        ("simulate", "retryable_then_success") => [(SimulateBackend.ErrorAttribute, "503"), (SimulateBackend.ErrorAttemptsAttribute, "1")],
        ("simulate", "non_retryable") => [(SimulateBackend.ErrorAttribute, "401")],
        ("simulate", "cancel_mid_stream") => [(SimulateBackend.DelayAttribute, "120000")],
        _ => [],
    };

    /// <summary>The router's factory for this backend.</summary>
    public ICodergenBackend? Create(string name)
    {
        Assert.Equal(_backend, name);
        return name switch
        {
            "llm" => new LlmCodergenBackend(_harness.Options()) { MaxRetries = 0 },
            "agent" => new AgentCodergenBackend(_harness.Options() with { SessionConfig = new SessionConfig { RetryPolicy = Attractor.Llm.RetryPolicy.None } }),
            _ => HarnessBackend.Create(name, HarnessOptions()),
        };
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static FakeResponse Overloaded() => FakeResponse.Error(503, """{"error":{"message":"overloaded","type":"server_error"}}""");

    private static FakeResponse Unauthorized() => FakeResponse.Error(401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""");

    /// <summary>A long streamed answer (one word every 100 ms): a cancel on its first delta lands well before its end.</summary>
    private static FakeResponse Slow() => Wire.StreamText(string.Join(' ', Enumerable.Repeat("word", 600))) with { DelayBetweenEvents = TimeSpan.FromMilliseconds(100) };

    private void Script_()
    {
        if (_backend is "llm" or "agent")
        {
            switch (_scenario)
            {
                case "success":
                    _harness.Server.Enqueue(Wire.StreamText("Hello from fake openai."));
                    break;
                case "retryable_then_success":
                    _harness.Server.Enqueue(Overloaded(), Wire.StreamText("Hello from fake openai."));
                    break;
                case "non_retryable":
                    _harness.Server.Enqueue(Unauthorized());
                    break;
                case "cancel_mid_stream":
                    _harness.Server.Enqueue(Slow());
                    break;
            }
        }
    }

    private HarnessBackendOptions HarnessOptions()
    {
        var script = Path.Combine(Path.GetDirectoryName(_harness.Workspace)!, "fake-cli");
        if (!File.Exists(script))
        {
            File.WriteAllText(script, Script.Replace("\r\n", "\n", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var prefix = _backend switch
        {
            "claude-code" => "claude",
            "codex" => "codex",
            _ => "gemini",
        };

        // The line of each recorded stream that carries the first text (claude: the assistant message, codex: the agent message, gemini: the first delta).
        var firstTextLine = prefix switch
        {
            "claude" => 3,
            "codex" => 4,
            _ => 3,
        };
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["COUNT_FILE"] = Path.Combine(Path.GetDirectoryName(_harness.Workspace)!, "runs"),
            ["FIXTURE"] = Fixtures.PathOf(prefix + "-out.jsonl"),
        };
        switch (_scenario)
        {
            case "retryable_then_success":
                environment["FAIL_TIMES"] = "1";
                environment["FAIL_FIXTURE"] = Fixtures.PathOf(prefix + "-503.jsonl");
                if (prefix == "gemini")
                {
                    environment["FAIL_STDERR"] = Fixtures.PathOf("gemini-503.stderr.txt");
                }

                break;
            case "non_retryable":
                environment["FAIL_TIMES"] = "100";
                environment["FAIL_FIXTURE"] = Fixtures.PathOf(prefix + "-401.jsonl");
                if (prefix == "gemini")
                {
                    environment["FAIL_STDERR"] = Fixtures.PathOf("gemini-401.stderr.txt");
                    environment["FAIL_CODE"] = "145";
                }

                break;
            case "cancel_mid_stream":
                environment["HANG_LINES"] = firstTextLine.ToString(CultureInfo.InvariantCulture);
                break;
        }

        return new HarnessBackendOptions
        {
            ExecutablePath = script,
            WorkingDirectory = _harness.Workspace,
            Environment = environment,
            CancelGracePeriod = TimeSpan.FromSeconds(5),
        };
    }
}
