// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Pipelines;
using Attractor.Pipelines.Human;
using HelloPipeline.Pipelines;

// dotnet run [-- <runs-dir>]: runs both pipelines through their generated runners, answering the
// greeting's human gate with its first choice. Run directories go under <runs-dir> (default
// .attractor/runs), one per pipeline and run.
var runsRoot = args.Length > 0 ? args[0] : Path.Combine(".attractor", "runs");
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);

PipelineRunOptions Options(string name) => new()
{
    LogsRoot = Path.Combine(runsRoot, $"{name}-{stamp}"),
    Interviewer = AutoApproveInterviewer.Instance,
    OnEvent = e => Console.WriteLine("  " + e.Describe()),
};

var results = new[]
{
    ("greeting", await new GreetingPipeline().RunAsync(Options("greeting")).ConfigureAwait(false)),
    ("release", await new ReleasePipeline().RunAsync(Options("release")).ConfigureAwait(false)),
};

foreach (var (name, result) in results)
{
    Console.WriteLine($"{name}: {result.Status}, {result.CompletedNodes.Count} nodes completed ({string.Join(", ", result.CompletedNodes)}); logs: {result.LogsRoot}");
}

return results.All(r => r.Item2.Succeeded) ? 0 : 1;
