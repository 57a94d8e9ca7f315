// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

// Load test of 'attractor serve' (docs/performance.md, "Server"):
//   dotnet run -c Release --project benchmarks/Attractor.Server.Benchmarks -- [--subscribers 100] [--runs 20] [--stages 100]
// Scenario 1: one run, N subscribers. Scenario 2: M concurrent runs, one subscriber each (plus the same N on none).
// Every run starts with a human gate, so all subscribers are connected before the measured events flow; the
// gate is then answered and the run's stages (simulated codergen nodes) stream events to every subscriber.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Attractor.Server.Benchmarks;

var subscribers = Option("--subscribers", 100);
var runs = Option("--runs", 20);
var stages = Option("--stages", 100);
var workspace = Path.Combine(Path.GetTempPath(), "attractor-server-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(workspace);
var report = new StringBuilder();
Write($"# attractor serve under load ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Write($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start; pipeline: gate + {stages} simulated stages");
Write();

await using (var server = await ServerProcess.StartAsync(workspace))
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
    var idle = server.Memory();
    Write($"server idle: RSS {idle.Rss:0.0} MiB");
    Write();
    Write("| scenario | runs | subscribers | events delivered | p50 ms | p99 ms | max ms | wall s | server RSS after (MiB) | server peak RSS (MiB) | load avg |");
    Write("|---|---|---|---|---|---|---|---|---|---|---|");

    // Warm-up: JIT of the server's and this harness's paths, not measured.
    await ScenarioAsync("warm-up", http, server, runCount: 1, perRun: 2, stages: 10, print: false);
    await ScenarioAsync($"{subscribers} subscribers on one run", http, server, runCount: 1, perRun: subscribers, stages);
    await ScenarioAsync($"{runs} concurrent runs", http, server, runCount: runs, perRun: 1, stages);
    await ScenarioAsync($"{runs} concurrent runs x 5 subscribers", http, server, runCount: runs, perRun: 5, stages);
}

Directory.Delete(workspace, recursive: true);
var output = Path.Combine(AppContext.BaseDirectory, "server-benchmark.md");
File.WriteAllText(output, report.ToString());
Console.WriteLine($"written to {output}");
return 0;

async Task ScenarioAsync(string name, HttpClient http, ServerProcess server, int runCount, int perRun, int stages, bool print = true)
{
    var source = Pipeline(stages);
    var ids = new List<string>();
    for (var i = 0; i < runCount; i++)
    {
        using var created = await http.PostAsJsonAsync("pipelines", new { source });
        created.EnsureSuccessStatusCode();
        ids.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(20));
    var all = new List<(Subscriber Subscriber, Task Reading)>();
    foreach (var id in ids)
    {
        for (var s = 0; s < perRun; s++)
        {
            var subscriber = new Subscriber(http, id);
            all.Add((subscriber, subscriber.RunAsync(stop.Token)));
        }
    }

    await Task.WhenAll(all.Select(a => a.Subscriber.Connected)).WaitAsync(stop.Token);
    var questions = new List<string>();
    foreach (var id in ids)
    {
        questions.Add(await WaitForQuestionAsync(http, id, stop.Token));
    }

    var peak = 0.0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, server.Memory().Rss);
            await Task.Delay(100);
        }
    });

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < ids.Count; i++)
    {
        using var answered = await http.PostAsJsonAsync($"pipelines/{ids[i]}/questions/{questions[i]}/answer", new { option = "G" });
        answered.EnsureSuccessStatusCode();
    }

    await Task.WhenAll(all.Select(a => a.Reading));
    clock.Stop();
    await sampling.CancelAsync();
    await sampler;
    var after = server.Memory();
    var latencies = all.SelectMany(a => a.Subscriber.LatenciesMs).Order().ToArray();
    if (print)
    {
        Write(string.Create(CultureInfo.InvariantCulture, $"| {name} | {runCount} | {runCount * perRun} | {latencies.Length} | {Percentile(latencies, 0.50):0.0} | {Percentile(latencies, 0.99):0.0} | {latencies[^1]:0.0} | {clock.Elapsed.TotalSeconds:0.0} | {after.Rss:0.0} | {Math.Max(peak, after.Rss):0.0} (process peak {after.Peak:0.0}) | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |"));
    }
}

static async Task<string> WaitForQuestionAsync(HttpClient http, string id, CancellationToken cancellationToken)
{
    while (true)
    {
        var body = await http.GetFromJsonAsync<JsonObject>($"pipelines/{id}/questions", cancellationToken);
        if (body!["questions"] is JsonArray { Count: > 0 } questions)
        {
            return questions[0]!["id"]!.GetValue<string>();
        }

        await Task.Delay(20, cancellationToken);
    }
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Pipeline(int stages)
{
    var text = new StringBuilder("digraph Load {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  gate [shape=hexagon, label=\"Go?\"]\n  start -> gate\n  gate -> s1 [label=\"[G] Go\"]\n");
    for (var i = 1; i <= stages; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"  s{i} [prompt=\"stage {i}\"]\n");
        text.Append(CultureInfo.InvariantCulture, $"  s{i} -> {(i == stages ? "exit" : "s" + (i + 1))}\n");
    }

    return text.Append("}\n").ToString();
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

void Write(string line = "")
{
    Console.WriteLine(line);
    report.AppendLine(line);
}
