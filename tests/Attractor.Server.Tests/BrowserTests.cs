// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Playwright;

namespace Attractor.Server.Tests;

/// <summary>
/// The UI in Debian's Chromium (<c>apt-get install chromium</c>; .ci/run installs it). Without the browser these
/// tests fail, they never skip. The launch flags keep Chromium from looking up any outside host.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime, IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Timeout = (float)ServerClient.Patience.TotalMilliseconds;

    private readonly TestWorkspace _workspace = new();
    private readonly List<string> _pageErrors = [];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's Chromium (apt-get install -y chromium), as .ci/run does");
        _playwright = await Playwright.CreateAsync();

        // Generous: CI has two cores and runs test projects in parallel.
        Assertions.SetDefaultExpectTimeout(Timeout);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        // Every test also checks that the page threw nothing.
        Assert.Empty(_pageErrors);
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_gate_is_answered_by_clicking_its_option_and_the_run_takes_the_chosen_branch()
    {
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root });
        var page = await NewPageAsync(server);

        await page.FillAsync("#dot-source", Pipelines.Gate);
        await page.ClickAsync("#start");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/runs/.+$"));

        // The gate's node turns "waiting" in the graph, and its question offers the edges as buttons.
        await Expect(Node(page, "approve")).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = Timeout });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("waiting", new() { Timeout = Timeout });
        var approve = page.Locator(".question button[data-option-key=A]");
        await Expect(approve).ToHaveTextAsync("[A] Approve");
        await ScreenshotAsync(page, "gate-waiting.png");
        await approve.ClickAsync();

        await Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded", new() { Timeout = Timeout });
        await Expect(page.Locator(".question")).ToHaveCountAsync(0);
        await Expect(Node(page, "ship")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = Timeout });
        await Expect(Node(page, "approve")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Node(page, "fix")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(Node(page, "exit")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Human answered \"[A] Approve\"");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Pipeline completed");
        await Expect(page.Locator("#runs .status")).ToHaveTextAsync("succeeded", new() { Timeout = Timeout });

        // The stage files are linked, and the checkpoint and context tabs show the run's state.
        await page.ClickAsync("button[data-tab=stages]");
        await Expect(page.Locator("#stages td.state[data-node=ship]")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator("#stages a", new() { HasText = "status.json" }).First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.ClickAsync("button[data-tab=context]");
        await Expect(page.Locator("#context")).ToContainTextAsync("\"human.gate.selected\": \"A\"", new() { Timeout = Timeout });
        await page.ClickAsync("button[data-tab=checkpoint]");
        await Expect(page.Locator("#checkpoint")).ToContainTextAsync("\"completed_nodes\"", new() { Timeout = Timeout });
        await page.ClickAsync("button[data-tab=timeline]");

        await ScreenshotAsync(page, "gate-answered.png");
    }

    [Fact]
    public async Task Without_graphviz_the_page_draws_the_graph_and_cancel_stops_the_run()
    {
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GraphvizPath = Path.Combine(_workspace.Root, "no-dot") });
        var page = await NewPageAsync(server);

        await page.FillAsync("#dot-source", Pipelines.Gate);
        await page.ClickAsync("#start");
        await Expect(Node(page, "approve")).ToHaveAttributeAsync("data-state", "waiting", new() { Timeout = Timeout });
        await Expect(page.Locator("#graph")).ToHaveAttributeAsync("data-renderer", "browser");
        await Expect(Node(page, "build")).ToHaveAttributeAsync("data-state", "succeeded");

        await page.ClickAsync("#cancel");
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("cancelled", new() { Timeout = Timeout });
        await Expect(page.Locator(".question")).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await Expect(page.Locator("#resume")).ToBeVisibleAsync();

        // Resume asks again on the same page; the other option takes the other branch.
        await page.ClickAsync("#resume");
        var fix = page.Locator(".question button[data-option-key=F]");
        await fix.ClickAsync(new() { Timeout = Timeout });
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("succeeded", new() { Timeout = Timeout });
        await Expect(Node(page, "fix")).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = Timeout });
        await Expect(Node(page, "ship")).ToHaveAttributeAsync("data-state", "pending");
    }

    [Fact]
    public async Task A_server_with_a_token_asks_for_it_and_then_shows_the_runs()
    {
        var token = "browser-test-token-" + Guid.NewGuid().ToString("N");
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, Token = token });
        using (var client = new ServerClient(server.BaseAddress, token))
        {
            var id = await client.StartAsync(new { source = Pipelines.Simple });
            await client.WaitForStatusAsync(id, "succeeded");
        }

        var page = await NewPageAsync(server);
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.FillAsync("#login-token", "not-the-token-at-all");
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#login-error")).ToContainTextAsync("not the token");

        await page.FillAsync("#login-token", token);
        await page.ClickAsync("#login-form button");
        await Expect(page.Locator("#login")).ToBeHiddenAsync(new() { Timeout = Timeout });
        await Expect(page.Locator("#runs .status")).ToHaveTextAsync("succeeded", new() { Timeout = Timeout });
    }

    /// <summary>Saves a screenshot under the test output (bin/.../screenshots), for people to look at.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var shot = Path.Combine(screenshots, name);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator Node(IPage page, string id) =>
        page.Locator("#graph g.node").Filter(new() { Has = page.Locator("title", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + id + "$") }) });

    private async Task<IPage> NewPageAsync(ServerHost server)
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add(error);
        await page.GotoAsync(server.BaseAddress.ToString());
        return page;
    }
}
