// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Tests;

public sealed class ManagedGrepTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalExecutionEnvironment _environment;

    public ManagedGrepTests() => _environment = new LocalExecutionEnvironment(_temp.Path, new LocalExecutionEnvironmentOptions { Grep = GrepImplementation.Managed });

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Files_come_in_ordinal_order_of_their_full_paths()
    {
        string[] names = ["B.txt", "a.txt", "a/x.txt", "a-b/y.txt", "a/c/z.txt", "a/d.txt", "ab.txt", "a_/w.txt", "a/C.txt"];
        foreach (var name in names)
        {
            _temp.Write(name, "hit\n");
        }

        var output = await GrepAsync("hit");

        var expected = names.Select(n => Path.Combine(_temp.Path, n)).Order(StringComparer.Ordinal).Select(p => p + ":1:hit\n");
        Assert.Equal(string.Concat(expected), output);
        Assert.StartsWith(Path.Combine(_temp.Path, "B.txt") + ":1:hit\n" + Path.Combine(_temp.Path, "a-b/y.txt") + ":1:hit\n" + Path.Combine(_temp.Path, "a.txt"), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_match_limit_keeps_the_first_matches_in_path_order()
    {
        _temp.Write("c/3.txt", "hit three\n");
        _temp.Write("a/1.txt", "hit one\nhit one again\n");
        _temp.Write("b/2.txt", "hit two\n");

        var output = await GrepAsync("hit", maxResults: 3);

        Assert.Equal($"{_temp.Path}/a/1.txt:1:hit one\n{_temp.Path}/a/1.txt:2:hit one again\n{_temp.Path}/b/2.txt:1:hit two\n", output);
    }

    [Fact]
    public async Task Lines_are_numbered_with_carriage_returns_removed_and_invalid_bytes_replaced()
    {
        _temp.Write("crlf.txt", "one\r\ntwo hit\r\nthree\r\n");
        _temp.Write("last.txt", "x\nlast hit");
        _temp.Write("empty.txt", string.Empty);
        var invalid = Path.Combine(_temp.Path, "latin1.txt");
        await File.WriteAllBytesAsync(invalid, [.. "caf"u8, 0xE9, .. " hit\n"u8]);

        var output = await GrepAsync("hit");

        Assert.Equal(
            $"{_temp.Path}/crlf.txt:2:two hit\n{_temp.Path}/last.txt:2:last hit\n{invalid}:1:caf\uFFFD hit\n",
            output);
    }

    [Fact]
    public async Task Binary_files_are_skipped_only_for_a_nul_byte_in_the_first_8_KiB()
    {
        var early = new byte[100];
        "hit\n"u8.CopyTo(early);
        await File.WriteAllBytesAsync(Path.Combine(_temp.Path, "early.bin"), early);
        var late = Encoding.UTF8.GetBytes(new string('x', 9_000) + "\nhit\n").Append((byte)0).ToArray();
        await File.WriteAllBytesAsync(Path.Combine(_temp.Path, "late.bin"), late);

        Assert.Equal($"{_temp.Path}/late.bin:2:hit\n", await GrepAsync("hit"));
    }

    [Fact]
    public async Task Large_files_are_read_whole_and_searched_to_their_last_line()
    {
        var line = new string('y', 99) + "\n";
        _temp.Write("big.txt", string.Concat(Enumerable.Repeat(line, 30_000)) + "hit at the end\n");
        _temp.Write("mid.txt", string.Concat(Enumerable.Repeat(line, 5_000)) + "hit in the middle\n" + string.Concat(Enumerable.Repeat(line, 5_000)));
        _temp.Write("small.txt", "hit\n");

        var output = await GrepAsync("hit");

        Assert.Equal($"{_temp.Path}/big.txt:30001:hit at the end\n{_temp.Path}/mid.txt:5001:hit in the middle\n{_temp.Path}/small.txt:1:hit\n", output);
    }

    [Theory]
    [InlineData("^hit$", "1,4")]
    [InlineData("hit$", "1,3,4")]
    [InlineData(@"\bhit\b", "1,4,6")]
    [InlineData("(?<=a)hit", "2")]
    [InlineData("[^x]hit", "2")]
    [InlineData(@"a\shit", "")]
    [InlineData("a.hit", "")]
    [InlineData("(?s)hit.x", "6")]
    [InlineData(@"hit\s*\n", "")]
    public async Task Patterns_match_each_line_on_its_own(string pattern, string lines)
    {
        // "hit" alone (CRLF), "ahit more", "xhit", "hit" alone, then "a" and "hit x": no match may span the line break.
        _temp.Write("f.txt", "hit\r\nahit more\nxhit\nhit\na\nhit x");

        var output = await GrepAsync(pattern);

        var numbers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(':')[1]);
        Assert.Equal(lines, string.Join(',', numbers));
    }

    [Fact]
    public async Task A_single_file_is_searched_with_the_name_filter_applied()
    {
        var file = _temp.Write("only.cs", "hit\n");

        Assert.Equal($"{file}:1:hit\n", await _environment.GrepAsync("hit", file, new GrepOptions(), CancellationToken.None));
        Assert.Equal(string.Empty, await _environment.GrepAsync("hit", file, new GrepOptions { GlobFilter = "*.py" }, CancellationToken.None));
    }

    [Theory]
    [InlineData("TODO", true)]
    [InlineData(@"Parse[A-Z]\w+", true)]
    [InlineData("foo.*bar", true)]
    [InlineData(@"path\\b", true)]
    [InlineData("^x", false)]
    [InlineData("x$", false)]
    [InlineData(@"\$x", false)]
    [InlineData(@"\bx", false)]
    [InlineData(@"x\B", false)]
    [InlineData(@"\Ax", false)]
    [InlineData(@"x\z", false)]
    [InlineData("(?=x)y", false)]
    [InlineData("(?<!x)y", false)]
    [InlineData("[^a]x", false)]
    public void Only_patterns_without_anchors_boundaries_or_lookarounds_rule_out_a_file_in_one_search(string pattern, bool expected) =>
        Assert.Equal(expected, ManagedGrep.CanSearchWholeText(pattern));

    [Fact]
    public void The_walk_in_path_order_equals_a_sort_of_every_path()
    {
        var random = new Random(7);
        string[] parts = ["a", "A", "a.b", "a-b", "a_b", "ab", "b", "0", "a b"];
        for (var i = 0; i < 60; i++)
        {
            var depth = random.Next(1, 4);
            var relative = string.Join('/', Enumerable.Range(0, depth).Select(_ => parts[random.Next(parts.Length)])) + "/" + parts[random.Next(parts.Length)] + ".txt";
            _temp.Write(relative, "x");
        }

        var walked = FileWalker.Files(_temp.Path, CancellationToken.None, inPathOrder: true).Select(f => f.FullName).ToList();

        Assert.Equal(walked.Order(StringComparer.Ordinal), walked);
        Assert.Equal(FileWalker.Files(_temp.Path, CancellationToken.None).Select(f => f.FullName).Order(StringComparer.Ordinal), walked);
    }

    [Fact]
    public void The_walk_includes_hidden_files_and_file_links_but_skips_git_and_directory_links()
    {
        _temp.Write(".hidden.txt", "x");
        _temp.Write("a.txt", "x");
        _temp.Write(".git/config", "x");
        _temp.Write("sub/b.txt", "x");
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "link.txt"), Path.Combine(_temp.Path, "a.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "loop"), _temp.Path);

        var walked = FileWalker.Files(_temp.Path, CancellationToken.None, inPathOrder: true).Select(f => Path.GetRelativePath(_temp.Path, f.FullName));

        Assert.Equal([".hidden.txt", "a.txt", "link.txt", "sub/b.txt"], walked);
    }

    [Fact]
    public void Files_from_the_walk_read_their_status_when_asked()
    {
        var path = _temp.Write("a.txt", "12345");
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        var file = Assert.Single(FileWalker.Files(_temp.Path, CancellationToken.None));

        Assert.Equal(5, file.Length);
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), file.LastWriteTimeUtc);
    }

    private Task<string> GrepAsync(string pattern, int maxResults = 100) =>
        _environment.GrepAsync(pattern, _temp.Path, new GrepOptions { MaxResults = maxResults }, CancellationToken.None);
}
