// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;

namespace Attractor.Server.Tests;

public sealed class GraphTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task The_svg_comes_from_graphviz_with_each_node_coloured_and_classed_by_its_state()
    {
        // A stand-in for 'dot' that keeps its input, so the test sees exactly what Graphviz was given.
        var input = Path.Combine(_workspace.Root, "dot-input.gv");
        var fake = _workspace.Write("tools/dot", $"#!/bin/sh\n[ \"$1\" = -Tsvg ] || exit 9\ncat > '{input}'\nprintf '<svg xmlns=\"http://www.w3.org/2000/svg\"><title>fake</title></svg>'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GraphvizPath = fake });
        using var client = new ServerClient(server.BaseAddress);
        var id = await client.StartAsync(new { source = Pipelines.Gate, answers = new[] { "A" } });
        await client.WaitForStatusAsync(id, "succeeded");

        using var svg = await client.Http.GetAsync($"pipelines/{id}/graph");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>fake</title>", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var dot = File.ReadAllText(input);
        Assert.Contains("\"ship\" [class=\"state-succeeded\"]", dot, StringComparison.Ordinal);
        Assert.Contains("\"fix\" [class=\"state-pending\"]", dot, StringComparison.Ordinal);
        Assert.Contains("fillcolor=\"#c8e6c9\"", dot, StringComparison.Ordinal);

        using var text = await client.Http.GetAsync($"pipelines/{id}/graph?format=dot");
        Assert.Equal(dot, await text.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_graphviz_the_graph_is_offered_as_json_for_the_ui_to_draw()
    {
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GraphvizPath = Path.Combine(_workspace.Root, "no-such-dot") });
        using var client = new ServerClient(server.BaseAddress);
        var id = await client.StartAsync(new { source = Pipelines.Simple });
        await client.WaitForStatusAsync(id, "succeeded");

        var (svgStatus, svgBody) = await client.GetAsync($"pipelines/{id}/graph");
        Assert.Equal(HttpStatusCode.NotImplemented, svgStatus);
        Assert.Contains("format=json", svgBody.Str("error"), StringComparison.Ordinal);

        var (jsonStatus, json) = await client.GetAsync($"pipelines/{id}/graph?format=json");
        Assert.Equal(HttpStatusCode.OK, jsonStatus);
        Assert.Equal(["start", "exit", "one", "two"], json["nodes"]!.AsArray().Select(n => n.Str("id")));
        Assert.All(json["nodes"]!.AsArray(), n => Assert.Equal("succeeded", n.Str("state")));
        Assert.Contains(json["edges"]!.AsArray(), e => e.Str("from") == "one" && e.Str("to") == "two");

        var (badStatus, _) = await client.GetAsync($"pipelines/{id}/graph?format=png");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task Graphviz_draws_the_real_svg()
    {
        // .ci/run installs Graphviz; without it this fails rather than skips.
        Assert.True(File.Exists("/usr/bin/dot"), "Graphviz is not installed (apt-get install graphviz)");
        await using var server = await AttractorServer.StartAsync(new ServerOptions { Port = 0, WorkspaceRoot = _workspace.Root, GraphvizPath = "/usr/bin/dot" });
        using var client = new ServerClient(server.BaseAddress);
        var id = await client.StartAsync(new { source = Pipelines.Simple });
        await client.WaitForStatusAsync(id, "succeeded");

        using var response = await client.Http.GetAsync($"pipelines/{id}/graph");
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        var document = System.Xml.Linq.XDocument.Parse(svg);
        var two = document.Descendants().Single(e => e.Name.LocalName == "g" && e.Elements().Any(t => t.Name.LocalName == "title" && t.Value == "two"));
        Assert.Equal("node state-succeeded", two.Attribute("class")?.Value);
    }
}
