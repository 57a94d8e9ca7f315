// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent.Patching;

namespace Attractor.Agent.Tests.Patching;

/// <summary>Behaviour the golden fixtures cannot pin down portably: line endings, encodings, paths, failures while writing.</summary>
public sealed class PatchApplierTests
{
    private const string Crlf = "\r\n";

    [Fact]
    public async Task Crlf_files_keep_crlf_including_added_lines()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("w.txt", "one\r\ntwo\r\nthree\r\n");

        var result = await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: w.txt\n@@\n one\n-two\n+2\n+2.5\n*** End Patch\n", dir.Path);

        Assert.Equal("one\r\n2\r\n2.5\r\nthree\r\n", dir.Read("w.txt"));
        Assert.Equal(PatchMatchLevel.Exact, Assert.Single(result.Files).MatchLevel);
    }

    [Fact]
    public async Task A_crlf_patch_applies_to_an_lf_file_without_bringing_crlf()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("l.txt", "one\ntwo\n");

        await ApplyPatch.ApplyAsync(string.Join(Crlf, "*** Begin Patch", "*** Update File: l.txt", "@@", " one", "-two", "+2", "*** End Patch", ""), dir.Path);

        Assert.Equal("one\n2\n", dir.Read("l.txt"));
    }

    [Fact]
    public async Task A_crlf_file_without_a_final_newline_stays_without_one()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("n.txt", "a\r\nb");

        await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: n.txt\n@@\n a\n-b\n+B\n+C\n*** End of File\n*** End Patch", dir.Path);

        Assert.Equal("a\r\nB\r\nC", dir.Read("n.txt"));
    }

    [Fact]
    public async Task A_byte_order_mark_is_kept_and_not_part_of_the_first_line()
    {
        using var dir = new PatchTempDirectory();
        await File.WriteAllBytesAsync(dir.Full("b.txt"), [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b', (byte)'\n']);

        var result = await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: b.txt\n@@\n-a\n+A\n*** End Patch", dir.Path);

        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'A', (byte)'\n', (byte)'b', (byte)'\n'], await File.ReadAllBytesAsync(dir.Full("b.txt")));
        Assert.Equal(PatchMatchLevel.Exact, Assert.Single(result.Files).MatchLevel);
    }

    [Fact]
    public async Task An_empty_file_gets_lines_with_a_final_newline()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("e.txt", string.Empty);

        await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: e.txt\n@@\n+first\n*** End Patch", dir.Path);

        Assert.Equal("first\n", dir.Read("e.txt"));
    }

    [Fact]
    public async Task An_added_file_without_lines_is_empty()
    {
        using var dir = new PatchTempDirectory();

        var result = await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Add File: empty.txt\n*** End Patch", dir.Path);

        Assert.Equal(string.Empty, dir.Read("empty.txt"));
        Assert.Equal(new PatchedFile(PatchChangeKind.Added, "empty.txt", null, PatchMatchLevel.Exact), Assert.Single(result.Files));
    }

    [Fact]
    public async Task The_result_lists_each_file_with_its_kind_and_match_level()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("a.txt", "x  \n");
        dir.Write("b.txt", "y\n");
        dir.Write("c.txt", "z\n");

        var result = await ApplyPatch.ApplyAsync(
            "*** Begin Patch\n*** Update File: a.txt\n@@\n-x\n+X\n*** Update File: b.txt\n*** Move to: d.txt\n*** Delete File: c.txt\n*** End Patch", dir.Path);

        Assert.Equal(
            [
                new PatchedFile(PatchChangeKind.Modified, "a.txt", null, PatchMatchLevel.IgnoreTrailingWhitespace),
                new PatchedFile(PatchChangeKind.Renamed, "d.txt", "b.txt", PatchMatchLevel.Exact),
                new PatchedFile(PatchChangeKind.Deleted, "c.txt", null, PatchMatchLevel.Exact),
            ],
            result.Files);
    }

    [Theory]
    [InlineData("../outside.txt", "The path '../outside.txt' leaves the working directory.")]
    [InlineData("a/../../outside.txt", "The path 'a/../../outside.txt' leaves the working directory.")]
    [InlineData("/etc/outside.txt", "The path '/etc/outside.txt' is absolute; patch paths must be relative to the working directory.")]
    public async Task Paths_outside_the_root_are_refused(string path, string message)
    {
        using var parent = new PatchTempDirectory();
        var root = Path.Combine(parent.Path, "root");
        Directory.CreateDirectory(root);

        var error = await Assert.ThrowsAsync<PatchApplyException>(
            () => ApplyPatch.ApplyAsync($"*** Begin Patch\n*** Add File: {path}\n+x\n*** End Patch", root));

        Assert.Equal(message, error.Message);
        Assert.Equal(path, error.Path);
        Assert.Empty(PatchTempDirectory.Snapshot(parent.Path));
    }

    [Fact]
    public async Task A_write_the_file_system_refuses_restores_what_was_already_written()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("a.txt", "alpha\n");
        dir.Write("gone.txt", "bye\n");
        dir.Write("blocker", "a file where the patch needs a directory\n");
        var before = PatchTempDirectory.Snapshot(dir.Path);

        // Everything validates in memory; creating blocker/new.txt then fails on the real disk.
        var error = await Assert.ThrowsAsync<PatchApplyException>(() => ApplyPatch.ApplyAsync(
            "*** Begin Patch\n*** Update File: a.txt\n@@\n-alpha\n+ALPHA\n*** Delete File: gone.txt\n*** Add File: fresh.txt\n+new\n*** Add File: blocker/new.txt\n+x\n*** End Patch",
            dir.Path));

        Assert.Equal("blocker/new.txt", error.Path);
        Assert.StartsWith("Cannot write 'blocker/new.txt': ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("The files already written were restored.", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal(before, PatchTempDirectory.Snapshot(dir.Path), new SnapshotComparer());
    }

    [Fact]
    public async Task A_cancelled_patch_changes_nothing()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("a.txt", "alpha\n");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: a.txt\n@@\n-alpha\n+beta\n*** End Patch", dir.Path, cancellation.Token));

        Assert.Equal("alpha\n", dir.Read("a.txt"));
    }

    [Fact]
    public void Errors_surface_through_the_returned_task()
    {
        using var dir = new PatchTempDirectory();

        var task = ApplyPatch.ApplyAsync("not a patch", dir.Path);

        Assert.True(task.IsFaulted);
        Assert.IsType<PatchParseException>(task.Exception!.InnerException);
    }

    [Fact]
    public async Task A_missing_root_directory_is_an_argument_error()
    {
        using var dir = new PatchTempDirectory();

        await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => ApplyPatch.ApplyAsync("*** Begin Patch\n*** Delete File: a.txt\n*** End Patch", Path.Combine(dir.Path, "missing")));
    }

    [Fact]
    public async Task A_move_onto_itself_is_an_edit()
    {
        using var dir = new PatchTempDirectory();
        dir.Write("a.txt", "a\n");

        var result = await ApplyPatch.ApplyAsync("*** Begin Patch\n*** Update File: a.txt\n*** Move to: ./a.txt\n@@\n-a\n+b\n*** End Patch", dir.Path);

        Assert.Equal(PatchChangeKind.Modified, Assert.Single(result.Files).Kind);
        Assert.Equal("b\n", dir.Read("a.txt"));
    }

    private sealed class SnapshotComparer : IEqualityComparer<SortedDictionary<string, byte[]>>
    {
        public bool Equals(SortedDictionary<string, byte[]>? x, SortedDictionary<string, byte[]>? y) =>
            x!.Keys.SequenceEqual(y!.Keys, StringComparer.Ordinal) && x.All(pair => pair.Value.AsSpan().SequenceEqual(y[pair.Key]));

        public int GetHashCode(SortedDictionary<string, byte[]> obj) => obj.Count;
    }
}
