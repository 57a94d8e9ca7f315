// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>A real 10 MB file of one line, read by the model through read_file: truncated by characters for the model, whole in the event.</summary>
public sealed class LargeFileTruncationTests : IAsyncLifetime
{
    private const int Half = 5 * 1024 * 1024;

    private SessionHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SessionHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_10_MB_single_line_file_reaches_the_model_cut_to_the_read_file_limit()
    {
        var path = Path.Combine(_harness.Directory, "huge.min.js");
        await File.WriteAllTextAsync(path, new string('a', Half) + new string('z', Half));
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "read_file", new { file_path = path })), ResponsesWire.Text("Minified."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("What is in huge.min.js?");

        // "1 | " + 10 MiB + "\n": read_file keeps 25,000 characters at each end (spec §5.2: 50,000, head_tail).
        var removed = 4 + (2 * Half) + 1 - 50_000;
        var sent = ResponsesWire.ToolOutputs(_harness.Server.Requests[1])["c1"];
        Assert.StartsWith("1 | " + new string('a', 24_996) + $"\n\n[WARNING: Tool output was truncated. {removed} characters were removed from the middle.", sent, StringComparison.Ordinal);
        Assert.EndsWith("]\n\n" + new string('z', 24_999) + "\n", sent, StringComparison.Ordinal);
        Assert.True(sent.Length < 50_400, $"{sent.Length} characters sent");
        Assert.True(_harness.Server.Requests[1].Body.Length < 60_000, $"{_harness.Server.Requests[1].Body.Length} bytes in the request");
        await session.DisposeAsync();
        var end = Assert.Single(await collecting, e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Equal(4 + (2 * Half) + 1, end.GetString("output")!.Length);
    }
}
