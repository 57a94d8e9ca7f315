// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent.Patching;

namespace Attractor.Agent.Tests.Patching;

/// <summary>
/// Each folder under Fixtures/patches holds <c>before/</c> (the tree), <c>patch.txt</c>, and either
/// <c>after/</c> with <c>summary.txt</c> (the tree and tool output after success) or
/// <c>error.txt</c> (the exact message; the tree must be unchanged).
/// </summary>
public sealed class PatchGoldenTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "patches");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(FixtureRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void The_fixtures_are_found()
    {
        Assert.True(Cases().Count >= 29, $"Only {Cases().Count} fixtures under {FixtureRoot}.");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fixture(string name)
    {
        var fixture = Path.Combine(FixtureRoot, name);
        var before = Path.Combine(fixture, "before");
        using var work = new PatchTempDirectory();
        foreach (var (path, bytes) in PatchTempDirectory.Snapshot(before))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(work.Full(path))!);
            await File.WriteAllBytesAsync(work.Full(path), bytes);
        }

        var patch = await File.ReadAllTextAsync(Path.Combine(fixture, "patch.txt"));
        var errorFile = Path.Combine(fixture, "error.txt");
        if (File.Exists(errorFile))
        {
            var expected = (await File.ReadAllTextAsync(errorFile)).TrimEnd('\n');
            var error = await Assert.ThrowsAnyAsync<PatchException>(() => ApplyPatch.ApplyAsync(patch, work.Path));
            Assert.Equal(expected, error.Message);
            PatchTempDirectory.AssertSameFiles(before, work.Path);
        }
        else
        {
            var result = await ApplyPatch.ApplyAsync(patch, work.Path);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fixture, "summary.txt")), result.Summary);
            PatchTempDirectory.AssertSameFiles(Path.Combine(fixture, "after"), work.Path);
        }
    }
}
