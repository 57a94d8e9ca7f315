// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Attractor.Packaging.Tests;

/// <summary>
/// The packages as a user gets them: one <c>dotnet pack</c>, then projects outside the repository that
/// reference only Attractor.Build from the pack folder, offline.
/// </summary>
public sealed partial class PackageTests(PackageFixture fixture) : IClassFixture<PackageFixture>
{
    private const string GreetPipeline = """
        digraph Greet {
            graph [goal="Say hello"]
            start     [shape=Mdiamond]
            hello     [type="tool", tool_command="echo hello from the package"]
            summarize [prompt="Summarize: $goal"]
            exit      [shape=Msquare]
            start -> hello -> summarize -> exit
        }
        """;

    // The same pipeline without its start node: ATR2001 at the graph ID.
    private const string GreetPipelineWithoutStart = """
        digraph Greet {
            graph [goal="Say hello"]
            hello     [type="tool", tool_command="echo hello from the package"]
            summarize [prompt="Summarize: $goal"]
            exit      [shape=Msquare]
            hello -> summarize -> exit
        }
        """;

    private const string Program = """
        using PackageConsumer.Pipelines;

        var result = await new GreetPipeline().RunAsync();
        Console.WriteLine($"status={result.Status} completed={string.Join(",", result.CompletedNodes)} tool={GreetPipeline.Nodes.Hello}");
        return result.Status == Attractor.Pipelines.StageStatus.Success ? 0 : 1;
        """;

    [Fact]
    public void Pack_produces_the_build_package_the_runtime_packages_the_llm_client_and_the_tool()
    {
        var packages = Directory.GetFiles(fixture.Packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { "Attractor.Agent", "Attractor.Backends", "Attractor.Build", "Attractor.Cli", "Attractor.Dot", "Attractor.Llm", "Attractor.Pipelines" }.Select(id => $"{id}.{PackageFixture.Version}.nupkg"),
            packages);
    }

    [Fact]
    public async Task Packing_again_gives_a_byte_identical_package()
    {
        // Only Attractor.Build again: its CLI is published anew (new file times), the rest is incremental.
        var again = Path.Combine(fixture.Root, "packages-again");
        var run = await fixture.PackAsync(Path.Combine(fixture.RepoRoot, "src", "Attractor.Build", "Attractor.Build.csproj"), again);

        Assert.True(run.ExitCode == 0, run.ToString());
        var name = Path.GetFileName(fixture.PackagePath("Attractor.Build"));
        Assert.Equal(File.ReadAllBytes(fixture.PackagePath("Attractor.Build")), File.ReadAllBytes(Path.Combine(again, name)));
    }

    [Fact]
    public void Attractor_Build_has_the_generator_the_build_files_the_tasks_and_the_cli_where_its_props_look()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath("Attractor.Build"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        foreach (var expected in new[]
        {
            "analyzers/dotnet/cs/Attractor.Generators.dll",
            "build/Attractor.Build.props",
            "build/Attractor.Build.targets",
            "buildTransitive/Attractor.Build.props",
            "buildTransitive/Attractor.Build.targets",
            "tasks/net10.0/Attractor.Build.Tasks.dll",
            "tasks/net10.0/Attractor.Build.Tasks.deps.json",
            "tools/cli/Attractor.Cli.dll",
            "tools/cli/Attractor.Cli.runtimeconfig.json",
            "tools/cli/Attractor.Cli.deps.json",
            "tools/cli/Attractor.Pipelines.dll",
            "tools/cli/System.CommandLine.dll",
            "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        // Nothing of the package is a compile reference, and MSBuild brings its own assemblies.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.Ordinal));

        // The props' package-mode defaults name files that are in the package.
        var props = ReadEntry(package, "build/Attractor.Build.props");
        var located = PackagePathPattern().Matches(props).ToDictionary(m => m.Groups["property"].Value, m => m.Groups["path"].Value, StringComparer.Ordinal);
        Assert.Equal(["AttractorCliPath", "AttractorTasksAssembly"], located.Keys.Order(StringComparer.Ordinal));
        Assert.All(located.Values, path => Assert.Contains(path, entries));

        // buildTransitive forwards to build in one import.
        Assert.Contains("<Import Project=\"../build/Attractor.Build.props\" />", ReadEntry(package, "buildTransitive/Attractor.Build.props"), StringComparison.Ordinal);
        Assert.Contains("<Import Project=\"../build/Attractor.Build.targets\" />", ReadEntry(package, "buildTransitive/Attractor.Build.targets"), StringComparison.Ordinal);

        var nuspec = Nuspec(package);
        Assert.Equal("MIT", Element(nuspec, "license").Value);
        Assert.Equal("expression", Element(nuspec, "license").Attribute("type")?.Value);
        Assert.Equal("README.md", Element(nuspec, "readme").Value);
        Assert.False(string.IsNullOrWhiteSpace(Element(nuspec, "description").Value));
        Assert.Equal([$"Attractor.Pipelines {PackageFixture.Version}"], Dependencies(nuspec));
    }

    [Fact]
    public void Runtime_packages_chain_and_the_tool_package_is_the_attractor_command()
    {
        using (var pipelines = ZipFile.OpenRead(fixture.PackagePath("Attractor.Pipelines")))
        {
            Assert.Contains(pipelines.Entries, e => e.FullName == "lib/net10.0/Attractor.Pipelines.dll");
            Assert.Equal([$"Attractor.Dot {PackageFixture.Version}"], Dependencies(Nuspec(pipelines)));
        }

        using (var dot = ZipFile.OpenRead(fixture.PackagePath("Attractor.Dot")))
        {
            Assert.Contains(dot.Entries, e => e.FullName == "lib/netstandard2.0/Attractor.Dot.dll");
            Assert.Empty(Dependencies(Nuspec(dot)));
        }

        using var tool = ZipFile.OpenRead(fixture.PackagePath("Attractor.Cli"));
        var settings = tool.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("attractor", command.Attribute("Name")?.Value);
        Assert.Equal("Attractor.Cli.dll", command.Attribute("EntryPoint")?.Value);
    }

    [Fact]
    public async Task A_consumer_gets_lint_errors_in_the_build_and_a_runnable_generated_runner()
    {
        var project = fixture.CreateConsumer("app", new Dictionary<string, string>
        {
            ["pipelines/greet.dot"] = GreetPipelineWithoutStart,
            ["Program.cs"] = Program,
        });

        var broken = await fixture.DotnetAsync(project, "build");

        Assert.True(broken.ExitCode != 0, broken.ToString());
        // The pipeline's error at its location; a file with errors gets no runner, so Program.cs misses its namespace.
        Assert.Equal(["error ATR2001 pipelines/greet.dot(1,9)", "error CS0246 Program.cs(1,7)"], broken.Diagnostics(project));
        // Restored from the local folder into the test's own cache, with the runtime packages as dependencies.
        foreach (var id in new[] { "attractor.build", "attractor.pipelines", "attractor.dot" })
        {
            Assert.True(Directory.Exists(Path.Combine(fixture.GlobalPackages, id, PackageFixture.Version)), id + Environment.NewLine + broken);
        }

        PackageFixture.WriteFile(project, "pipelines/greet.dot", GreetPipeline);
        var run = await fixture.DotnetAsync(project, "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("status=Success completed=start,hello,summarize tool=hello", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_runs_through_the_cli_inside_the_package()
    {
        var project = fixture.CreateConsumer("runner", new Dictionary<string, string>
        {
            ["pipelines/greet.dot"] = GreetPipeline,
            ["Program.cs"] = Program,
        });
        var logs = Path.Combine(fixture.Root, "runs", "greet");

        var run = await fixture.DotnetAsync(project, "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=pipelines/greet.dot", "-p:PipelineSimulate=true", "-p:PipelineAutoApprove=true", "-p:PipelineLogsRoot=" + logs, "-v:n");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("stage started  hello (tool)", run.Output, StringComparison.Ordinal);
        Assert.Contains("run succeeded", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(logs, "checkpoint.json")), run.ToString());
        Assert.Contains("hello from the package", File.ReadAllText(Path.Combine(logs, "hello", "stdout.txt")), StringComparison.Ordinal);

        // The CLI the task started is the one in the package (no tool installed, nothing from the repository).
        var packageCli = Path.Combine(fixture.GlobalPackages, "attractor.build", PackageFixture.Version, "build", "..", "tools", "cli", "Attractor.Cli.dll");
        Assert.Contains(packageCli + " run pipelines/greet.dot", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.RepoRoot, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_gets_Attractor_Build_through_a_reference_gets_items_and_runners_too()
    {
        // lib references the package; the app only references lib. buildTransitive gives the app the
        // pipeline items and generator settings alongside the generator (which flows as an analyzer).
        var project = fixture.CreateConsumer("transitive", new Dictionary<string, string>
        {
            ["lib/Lib.csproj"] = $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Attractor.Build" Version="{PackageFixture.Version}" />
                  </ItemGroup>
                </Project>
                """,
            ["PackageConsumer.csproj"] = """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <DefaultItemExcludes>$(DefaultItemExcludes);lib/**</DefaultItemExcludes>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """,
            ["pipelines/greet.dot"] = GreetPipeline,
            ["Program.cs"] = Program,
        });

        var run = await fixture.DotnetAsync(project, "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("status=Success completed=start,hello,summarize tool=hello", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_package_installs_offline_and_runs_as_attractor()
    {
        var project = fixture.CreateConsumer("tool", new Dictionary<string, string>
        {
            ["pipelines/greet.dot"] = GreetPipeline,
            ["pipelines/broken.dot"] = GreetPipelineWithoutStart,
        });
        var toolPath = Path.Combine(fixture.Root, "tool");

        var install = await fixture.DotnetAsync(project, "tool", "install", "Attractor.Cli", "--version", PackageFixture.Version, "--tool-path", toolPath, "--configfile", Path.Combine(project, "nuget.config"));
        Assert.True(install.ExitCode == 0, install.ToString());

        var attractor = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "attractor.exe" : "attractor");
        var valid = await fixture.RunAsync(project, attractor, "validate", "pipelines/greet.dot");
        Assert.True(valid.ExitCode == 0, valid.ToString());

        var invalid = await fixture.RunAsync(project, attractor, "validate", "pipelines/broken.dot");
        Assert.True(invalid.ExitCode != 0, invalid.ToString());
        Assert.Contains("pipelines/broken.dot(1,9): error ATR2001", invalid.Output, StringComparison.Ordinal);
    }

    private static string ReadEntry(ZipArchive package, string name)
    {
        using var reader = new StreamReader(package.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    private static XElement Element(XElement nuspec, string name) =>
        nuspec.Descendants().Single(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "metadata");

    private static string[] Dependencies(XElement nuspec) =>
        [.. nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => $"{e.Attribute("id")?.Value} {e.Attribute("version")?.Value}").Order(StringComparer.Ordinal)];

    // <AttractorCliPath Condition="...">$(MSBuildThisFileDirectory)../tools/cli/Attractor.Cli.dll</AttractorCliPath>
    [GeneratedRegex(@"<(?<property>Attractor\w+)\s[^>]*>\$\(MSBuildThisFileDirectory\)\.\./(?<path>[^<]+)</\k<property>>", RegexOptions.CultureInvariant)]
    private static partial Regex PackagePathPattern();
}
