// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>A scratch directory for one engine test, deleted with its contents on dispose.</summary>
internal sealed class EngineTempDirectory : IDisposable
{
    public EngineTempDirectory()
    {
        FullPath = Path.Combine(Path.GetTempPath(), "attractor-engine-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    /// <summary>Gets a run directory path under the scratch directory (not created).</summary>
    public string Run(string name = "run") => Path.Combine(FullPath, name);

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(FullPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
