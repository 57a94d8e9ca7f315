// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace Attractor.Build.Tasks.Tests;

/// <summary>
/// Copies the sample projects into a scratch directory (importing the real sample-projects/Directory.Build.*,
/// so the same targets run) and builds with a private artifacts path. HelloPipeline is built once up front,
/// which restores and builds the repository's tools (generator, engine, CLI, tasks) for every test of the
/// collection; later builds of the samples are incremental.
/// </summary>
public sealed class SampleBuildFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    public SampleBuildFixture()
    {
        RepoRoot = RepositoryRoot.Path;
        Root = Directory.CreateTempSubdirectory("attractor-msbuild-tests-").FullName;
        Artifacts = Path.Combine(Root, "artifacts");
        var samples = Path.Combine(Root, "samples");
        foreach (var name in new[] { "HelloPipeline", "PipelineBuildStep", "BrokenPipelines" })
        {
            SampleProjects.Copy(Path.Combine(RepoRoot, "sample-projects", name), Path.Combine(samples, name));
        }

        var shared = Path.Combine(RepoRoot, "sample-projects");
        File.WriteAllText(Path.Combine(samples, "Directory.Build.props"), $"<Project><Import Project=\"{shared}/Directory.Build.props\" /></Project>\n");
        File.WriteAllText(Path.Combine(samples, "Directory.Build.targets"), $"<Project><Import Project=\"{shared}/Directory.Build.targets\" /></Project>\n");
        SamplesRoot = samples;
    }

    public string RepoRoot { get; }

    public string Root { get; }

    public string SamplesRoot { get; }

    public string Artifacts { get; }

    /// <summary>Gets the CLI the sample builds produce (exists after the first build).</summary>
    public string CliPath => Path.Combine(Artifacts, "bin", "Attractor.Cli", "debug", "Attractor.Cli.dll");

    public string Project(string name) => Path.Combine(SamplesRoot, name);

    /// <summary>The variables the attractor CLI reads provider keys from: never inherited, so a developer's keys never reach a test build.</summary>
    public static IReadOnlyList<string> ProviderVariables { get; } =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_BASE_URL"];

    /// <summary>Runs <c>dotnet &lt;command&gt;</c> in a sample's directory with the shared artifacts path.</summary>
    public Task<CommandRun> DotnetAsync(string sample, params string[] arguments) => DotnetAsync(null, sample, arguments);

    /// <summary>Runs <c>dotnet &lt;command&gt;</c> in a sample's directory with extra environment variables (provider keys).</summary>
    public async Task<CommandRun> DotnetAsync(IReadOnlyDictionary<string, string?>? environment, string sample, params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = StartDotnet(sample, arguments, output, out var pumps, environment);
        using var timeout = new CancellationTokenSource(BuildTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in {BuildTimeout}: {output}");
        }

        await pumps;
        return new CommandRun(process.ExitCode, output.ToString());
    }

    /// <summary>
    /// Starts <c>dotnet &lt;command&gt;</c> in a sample's directory, its output collected into
    /// <paramref name="output"/>. SIGINT is reset to its default (<c>env --default-signal</c>): a test host
    /// started in the background of a script inherits it ignored, and .NET then never sees Ctrl+C.
    /// </summary>
    public Process StartDotnet(string sample, string[] arguments, StringBuilder output, out Task pumps, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsLinux() ? "env" : "dotnet")
        {
            WorkingDirectory = Project(sample),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsLinux())
        {
            startInfo.ArgumentList.Add("--default-signal=INT");
            startInfo.ArgumentList.Add("dotnet");
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("-p:ArtifactsPath=" + Artifacts);
        startInfo.ArgumentList.Add("-nologo");
        startInfo.ArgumentList.Add("-tl:off");

        // A fresh MSBuild per command: reused nodes would hold task assemblies across tests and outlive them.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var variable in ProviderVariables)
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo)!;
        pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));
        return process;
    }

    /// <summary>Gets the first build of HelloPipeline, which every test relies on.</summary>
    public CommandRun? InitialBuild { get; private set; }

    public async Task InitializeAsync()
    {
        InitialBuild = await DotnetAsync("HelloPipeline", "build");
        if (InitialBuild.ExitCode != 0)
        {
            throw new InvalidOperationException("The first sample build failed: " + InitialBuild);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover scratch directory must not fail the run.
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
