// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Attractor.Packaging.Tests;

/// <summary>
/// Packs every project under src/ of Attractor.Build.sln once (one <c>dotnet pack</c> of a temporary
/// solution listing them, into a temp folder, with a private artifacts path) and creates consumer projects
/// outside the repository that restore from that folder only. The consumers get their own global packages
/// folder, so a package of the same version packed earlier can never be served from a cache.
/// </summary>
public sealed partial class PackageFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The version the test packs; unique to these tests, never published.</summary>
    public const string Version = "0.1.0-packagingtest";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    public PackageFixture()
    {
        RepoRoot = RepositoryRoot.Path;
        Root = Directory.CreateTempSubdirectory("attractor-packaging-tests-").FullName;
        Packages = Path.Combine(Root, "packages");
        GlobalPackages = Path.Combine(Root, "nuget-packages");

        // Nothing above the consumers (a stray Directory.Build.props in the temp folder) may shape their builds.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Root, name), "<Project />\n");
        }
    }

    public string RepoRoot { get; }

    public string Root { get; }

    /// <summary>Gets the folder <c>dotnet pack</c> wrote the packages to: the consumers' only package source.</summary>
    public string Packages { get; }

    /// <summary>Gets the consumers' global packages folder (<c>NUGET_PACKAGES</c>).</summary>
    public string GlobalPackages { get; }

    /// <summary>Gets the output of the one <c>dotnet pack</c>.</summary>
    public CommandRun? Pack { get; private set; }

    public string PackagePath(string id) => Path.Combine(Packages, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        var projects = SourceProjects();
        if (projects.Count == 0)
        {
            throw new InvalidOperationException("Attractor.Build.sln lists no project under src/.");
        }

        var packDirectory = Path.Combine(Root, "pack");
        Directory.CreateDirectory(packDirectory);
        var solution = new StringBuilder("<Solution>\n");
        foreach (var project in projects)
        {
            var relative = Path.GetRelativePath(packDirectory, Path.Combine(RepoRoot, project)).Replace('\\', '/');
            solution.Append("  <Project Path=\"").Append(relative).Append("\" />\n");
        }

        solution.Append("</Solution>\n");
        var solutionPath = Path.Combine(packDirectory, "Packages.slnx");
        File.WriteAllText(solutionPath, solution.ToString());

        Pack = await PackAsync(solutionPath, Packages);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed: " + Pack);
        }
    }

    /// <summary>
    /// Packs <paramref name="projectOrSolution"/> (Release, <see cref="Version"/>) into <paramref name="output"/>
    /// with the fixture's artifacts path. The repository's own projects restore from the machine's usual
    /// sources and cache.
    /// </summary>
    public Task<CommandRun> PackAsync(string projectOrSolution, string output) =>
        DotnetAsync(Path.GetDirectoryName(projectOrSolution)!, isolatedPackages: false, "pack", projectOrSolution, "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(Root, "artifacts"), "-p:Version=" + Version);

    /// <summary>
    /// Creates <c>consumers/&lt;name&gt;/</c>: a console app whose only package source is <see cref="Packages"/>
    /// (<c>&lt;clear/&gt;</c>), with one PackageReference to Attractor.Build, and the given files
    /// (a <c>PackageConsumer.csproj</c> among them replaces the default one).
    /// </summary>
    public string CreateConsumer(string name, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(Root, "consumers", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{GlobalPackages}" />
              </config>
              <packageSources>
                <clear />
                <add key="attractor-local" value="{Packages}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "PackageConsumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Attractor.Build" Version="{Version}" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, content) in files)
        {
            WriteFile(directory, path, content);
        }

        return directory;
    }

    public static void WriteFile(string directory, string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Runs <c>dotnet &lt;arguments&gt;</c> in <paramref name="directory"/> with the consumers' global packages folder.</summary>
    public Task<CommandRun> DotnetAsync(string directory, params string[] arguments) => DotnetAsync(directory, isolatedPackages: true, arguments);

    /// <summary>Runs a program (an installed tool) in <paramref name="directory"/>.</summary>
    public Task<CommandRun> RunAsync(string directory, string program, params string[] arguments) => RunProcessAsync(directory, program, arguments, isolatedPackages: true);

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
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private Task<CommandRun> DotnetAsync(string directory, bool isolatedPackages, params string[] arguments)
    {
        string[] msbuildOptions = arguments.Length > 0 && arguments[0] is "build" or "msbuild" or "pack" or "run"
            ? arguments[0] == "run" ? [] : ["-nologo", "-tl:off"]
            : [];
        return RunProcessAsync(directory, "dotnet", [.. arguments, .. msbuildOptions], isolatedPackages);
    }

    private async Task<CommandRun> RunProcessAsync(string directory, string program, string[] arguments, bool isolatedPackages)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A fresh MSBuild per command: reused nodes would outlive the test and hold task assemblies.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["NO_COLOR"] = "1";
        if (isolatedPackages)
        {
            // Wins over nuget.config's globalPackagesFolder, so set it too in case CI sets it for the machine.
            startInfo.Environment["NUGET_PACKAGES"] = GlobalPackages;
        }

        var output = new StringBuilder();
        using var process = Process.Start(startInfo)!;
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {CommandTimeout}: {output}");
        }

        await pumps;
        return new CommandRun(process.ExitCode, output.ToString());
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

    /// <summary>The projects of Attractor.Build.sln under src/, as the documented <c>dotnet pack</c> of the solution packs them.</summary>
    private List<string> SourceProjects() =>
        [.. SolutionProjectPattern().Matches(File.ReadAllText(Path.Combine(RepoRoot, "Attractor.Build.sln")))
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => p.StartsWith("src/", StringComparison.Ordinal))];

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SolutionProjectPattern();
}
