// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Build.Evaluation;
using Microsoft.Build.Execution;

namespace Attractor.Build.InProcess.Tests;

/// <summary>The outcome of one in-process build request.</summary>
/// <param name="Result">What MSBuild returned, per target.</param>
/// <param name="Log">The errors, warnings and messages the build raised.</param>
internal sealed record InProcessBuild(BuildResult Result, CapturingLogger Log)
{
    public bool Succeeded => Result.OverallResult == BuildResultCode.Success;

    /// <summary>Gets the distinct errors and warnings as <c>severity ID file(line,col)</c>, sorted.</summary>
    public IReadOnlyList<string> Diagnostics(string projectDirectory) =>
        [.. Log.Diagnostics.Select(d => d.Describe(projectDirectory)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public override string ToString() => $"{Result.OverallResult}{Environment.NewLine}{Result.Exception}{Environment.NewLine}{Log.Transcript}";
}

/// <summary>
/// Copies the sample projects into a scratch directory once (importing the real sample-projects/Directory.Build.*,
/// so the same targets run) and builds them in this process with one <see cref="BuildManager"/> and a private
/// artifacts path under the scratch directory, so the repository's obj/ and bin/ are never touched. Restores
/// every copied sample, then builds HelloPipeline once (which builds the repository's generator, engine, tasks
/// and CLI for every test); later builds are incremental.
/// </summary>
public sealed class InProcessBuildFixture : IDisposable
{
    private static readonly string[] Samples = ["HelloPipeline", "BrokenPipelines", "PipelineBuildStep"];

    private readonly BuildManager buildManager = new("attractor-in-process-tests");

    public InProcessBuildFixture()
    {
        RepoRoot = RepositoryRoot.Path;
        Root = Directory.CreateTempSubdirectory("attractor-inproc-tests-").FullName;
        Artifacts = Path.Combine(Root, "artifacts");
        SamplesRoot = Path.Combine(Root, "samples");
        foreach (var name in Samples)
        {
            SampleProjects.Copy(Path.Combine(RepoRoot, "sample-projects", name), Path.Combine(SamplesRoot, name));
        }

        var shared = Path.Combine(RepoRoot, "sample-projects");
        File.WriteAllText(Path.Combine(SamplesRoot, "Directory.Build.props"), $"<Project><Import Project=\"{shared}/Directory.Build.props\" /></Project>\n");
        File.WriteAllText(Path.Combine(SamplesRoot, "Directory.Build.targets"), $"<Project><Import Project=\"{shared}/Directory.Build.targets\" /></Project>\n");

        foreach (var name in Samples)
        {
            var restore = Restore(name);
            if (!restore.Succeeded)
            {
                throw new InvalidOperationException($"Restoring {name} failed: {restore}");
            }
        }

        InitialBuild = Build("HelloPipeline", ["Build"]);
    }

    public string RepoRoot { get; }

    public string Root { get; }

    public string SamplesRoot { get; }

    public string Artifacts { get; }

    /// <summary>Gets the first build of HelloPipeline: it compiled the sample and the repository's projects.</summary>
    internal InProcessBuild InitialBuild { get; }

    public string Project(string name) => Path.Combine(SamplesRoot, name);

    public string ProjectFile(string name) => Path.Combine(Project(name), name + ".csproj");

    /// <summary>
    /// Restores a sample in a request of its own, as <c>dotnet build</c> does: restore and build in one
    /// request would evaluate the project before its restore outputs (nuget.g.props) exist.
    /// </summary>
    internal InProcessBuild Restore(string sample) =>
        Run(
            sample,
            ["Restore"],
            new Dictionary<string, string>
            {
                ["MSBuildRestoreSessionId"] = Guid.NewGuid().ToString("D"),
                ["ExcludeRestorePackageImports"] = "true",
            },
            BuildRequestDataFlags.ClearCachesAfterBuild | BuildRequestDataFlags.SkipNonexistentTargets);

    /// <summary>Builds targets of an already restored sample with extra global properties.</summary>
    internal InProcessBuild Build(string sample, string[] targets, IReadOnlyDictionary<string, string>? properties = null) =>
        Run(sample, targets, properties, BuildRequestDataFlags.None);

    public void Dispose()
    {
        buildManager.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover scratch directory must not fail the run.
        }
    }

    private InProcessBuild Run(string sample, string[] targets, IReadOnlyDictionary<string, string>? properties, BuildRequestDataFlags flags)
    {
        var global = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // Everything the build writes (the samples' and the repository projects' bin/ and obj/) goes here.
            ["ArtifactsPath"] = Artifacts,
        };
        foreach (var (name, value) in properties ?? new Dictionary<string, string>())
        {
            global[name] = value;
        }

        var logger = new CapturingLogger();

        // A fresh collection per request: no evaluation cached from before a restore or another request.
        using var collection = new ProjectCollection(global);
        var parameters = new BuildParameters(collection)
        {
            Loggers = [logger],
            DisableInProcNode = false,
            EnableNodeReuse = false,
            MaxNodeCount = 1,
            ResetCaches = true,
        };
        var request = new BuildRequestData(ProjectFile(sample), global, null, targets, null, flags);
        var result = buildManager.Build(parameters, request);
        return new InProcessBuild(result, logger);
    }
}
