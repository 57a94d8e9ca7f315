// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Tests.Patching;

/// <summary>A real directory under the system temp folder, deleted on dispose.</summary>
internal sealed class PatchTempDirectory : IDisposable
{
    public PatchTempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("attractor-patch-").FullName;
    }

    public string Path { get; }

    public string Full(string relative) => System.IO.Path.Combine(Path, relative);

    public void Write(string relative, string content)
    {
        var full = Full(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, Encoding.UTF8.GetBytes(content));
    }

    public string Read(string relative) => Encoding.UTF8.GetString(File.ReadAllBytes(Full(relative)));

    /// <summary>Every file under the directory, by forward-slash relative path, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string root)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(root, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        }

        return files;
    }

    public static void AssertSameFiles(string expectedRoot, string actualRoot)
    {
        var expected = Snapshot(expectedRoot);
        var actual = Snapshot(actualRoot);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, bytes) in expected)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(actual[path]), $"{path} differs:\nexpected:\n{Encoding.UTF8.GetString(bytes)}\nactual:\n{Encoding.UTF8.GetString(actual[path])}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
