// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;
using Attractor.Llm.FakeProvider;

namespace Attractor.Backends.Tests.Harness.RealCli;

/// <summary>
/// Points a real CLI at the fake provider on 127.0.0.1 with its own throw-away home, the way
/// shared/fixtures/coding-clis/README.md describes, and with the CLI's own retries off so the engine owns them.
/// </summary>
internal static class RealCliSetup
{
    public const string FakeKey = "sk-fake-harness-test-key";

    /// <summary>Gets the model each CLI is asked for (Gemini's "auto" would add a routing request).</summary>
    public static string? Model(string cli) => cli == HarnessNames.GeminiCli ? "gemini-2.5-flash" : null;

    /// <summary>Gets the path the CLI's model requests go to.</summary>
    public static bool IsModelRequest(string cli, RecordedRequest request) => cli switch
    {
        HarnessNames.ClaudeCode => request.Path == "/v1/messages",
        HarnessNames.Codex => request.Path == "/v1/responses",
        _ => request.Path.Contains(":streamGenerateContent", StringComparison.Ordinal),
    };

    public static HarnessBackendOptions Options(string cli, string binDirectory, Uri providerUrl, TempWorkspace temp)
    {
        var baseUrl = providerUrl.ToString().TrimEnd('/');
        var home = Path.Combine(temp.Root, "home");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["NO_COLOR"] = "1",
            ["ANTHROPIC_API_KEY"] = null,
            ["ANTHROPIC_AUTH_TOKEN"] = null,
            ["OPENAI_API_KEY"] = null,
            ["GEMINI_API_KEY"] = null,
            ["GOOGLE_API_KEY"] = null,
        };

        switch (cli)
        {
            case HarnessNames.ClaudeCode:
                environment["CLAUDE_CONFIG_DIR"] = Path.Combine(temp.Root, "claude");
                environment["ANTHROPIC_BASE_URL"] = baseUrl;
                environment["ANTHROPIC_API_KEY"] = FakeKey;
                environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
                environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
                break;
            case HarnessNames.Codex:
                var codexHome = Path.Combine(temp.Root, "codex");
                Directory.CreateDirectory(codexHome);
                File.WriteAllText(Path.Combine(codexHome, "config.toml"), $"""
                    model = "gpt-5-codex"
                    model_provider = "fake"

                    [model_providers.fake]
                    name = "Fake"
                    base_url = "{baseUrl}/v1"
                    wire_api = "responses"
                    env_key = "FAKE_API_KEY"
                    request_max_retries = 0
                    stream_max_retries = 0
                    """);
                environment["CODEX_HOME"] = codexHome;
                environment["FAKE_API_KEY"] = FakeKey;
                break;
            default:
                var geminiHome = Path.Combine(temp.Root, "gemini");
                Directory.CreateDirectory(Path.Combine(geminiHome, ".gemini"));
                File.WriteAllText(Path.Combine(geminiHome, ".gemini", "settings.json"), """
                    {
                      "security": { "auth": { "selectedType": "gemini-api-key" } },
                      "privacy": { "usageStatisticsEnabled": false },
                      "general": { "enableAutoUpdate": false, "maxAttempts": 1, "retryFetchErrors": false }
                    }
                    """);
                environment["GEMINI_CLI_HOME"] = geminiHome;
                environment["GOOGLE_GEMINI_BASE_URL"] = baseUrl;
                environment["GEMINI_API_KEY"] = FakeKey;
                break;
        }

        return new HarnessBackendOptions
        {
            SearchDirectories = [binDirectory],
            WorkingDirectory = temp.Workspace,
            Environment = environment,
            CancelGracePeriod = TimeSpan.FromSeconds(2),
        };
    }

    public static HarnessBackend Backend(string cli, HarnessBackendOptions options) =>
        HarnessBackend.Create(cli, options) ?? throw new ArgumentException("not a harness backend: " + cli, nameof(cli));
}
