// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent.Patching;

namespace Attractor.Agent.Tests.Patching;

public sealed class PatchParserTests
{
    [Fact]
    public void Parses_every_operation_into_the_model()
    {
        var document = PatchParser.Parse("""
            *** Begin Patch
            *** Add File: new.txt
            +one
            +
            +three
            *** Delete File: old.txt
            *** Update File: src/a.py
            *** Move to: src/b.py
            @@ class A:
            @@     def run(self):
                 keep
            -    drop
            +    add
            @@
             tail
            +end
            *** End of File
            *** End Patch
            """);

        Assert.Collection(
            document.Operations,
            op =>
            {
                var add = Assert.IsType<AddFileOperation>(op);
                Assert.Equal(("new.txt", 2), (add.Path, add.LineNumber));
                Assert.Equal(["one", "", "three"], add.Lines);
            },
            op => Assert.Equal(new DeleteFileOperation("old.txt", 6), op),
            op =>
            {
                var update = Assert.IsType<UpdateFileOperation>(op);
                Assert.Equal(("src/a.py", 7, "src/b.py"), (update.Path, update.LineNumber, update.MoveTo));
                Assert.Equal(2, update.Hunks.Count);
                var first = update.Hunks[0];
                Assert.Equal(9, first.LineNumber);
                Assert.Equal(["class A:", "    def run(self):"], first.ContextHints);
                Assert.Equal(
                    [new(HunkLineKind.Context, "    keep"), new(HunkLineKind.Removed, "    drop"), new(HunkLineKind.Added, "    add")],
                    first.Lines);
                Assert.Equal(["    keep", "    drop"], first.OldLines);
                Assert.Equal(["    keep", "    add"], first.NewLines);
                Assert.False(first.IsEndOfFile);
                var second = update.Hunks[1];
                Assert.Equal(14, second.LineNumber);
                Assert.Empty(second.ContextHints);
                Assert.True(second.IsEndOfFile);
                Assert.Equal(["tail"], second.OldLines);
                Assert.Equal(["tail", "end"], second.NewLines);
            });
    }

    [Fact]
    public void Reads_a_crlf_patch_like_an_lf_one()
    {
        var lf = "*** Begin Patch\n*** Update File: a.txt\n@@ hint\n x\n-y\n+z\n*** End Patch\n";
        var crlf = PatchParser.Parse(lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        var update = Assert.IsType<UpdateFileOperation>(Assert.Single(crlf.Operations));
        Assert.Equal(["hint"], update.Hunks[0].ContextHints);
        Assert.Equal(["x", "y"], update.Hunks[0].OldLines);
        Assert.Equal(["x", "z"], update.Hunks[0].NewLines);
    }

    [Fact]
    public void Ignores_surrounding_blank_lines_and_blank_lines_between_operations()
    {
        var document = PatchParser.Parse("\n\n*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n\n\n*** Delete File: c.txt\n\n*** End Patch\n\n");
        Assert.Equal(2, document.Operations.Count);
        var update = Assert.IsType<UpdateFileOperation>(document.Operations[0]);
        Assert.Equal(["a"], update.Hunks[0].OldLines);
        Assert.Equal(["b"], update.Hunks[0].NewLines);
    }

    [Fact]
    public void An_empty_line_inside_a_hunk_is_empty_context()
    {
        var document = PatchParser.Parse("*** Begin Patch\n*** Update File: a.txt\n@@\n a\n\n-b\n*** End Patch");
        var update = Assert.IsType<UpdateFileOperation>(Assert.Single(document.Operations));
        Assert.Equal(["a", "", "b"], update.Hunks[0].OldLines);
        Assert.Equal(["a", ""], update.Hunks[0].NewLines);
    }

    [Theory]
    [InlineData("<<'EOF'\n*** Begin Patch\n*** Delete File: a.txt\n*** End Patch\nEOF\n")]
    [InlineData("<<EOF\n*** Begin Patch\n*** Delete File: a.txt\n*** End Patch\nEOF")]
    [InlineData("<< \"PATCH\"\n\n*** Begin Patch\n*** Delete File: a.txt\n*** End Patch\n\nPATCH\n")]
    public void A_heredoc_wrapper_is_dropped(string patch)
    {
        Assert.Equal(new DeleteFileOperation("a.txt", patch.Split('\n').ToList().FindIndex(l => l.StartsWith("*** Delete", StringComparison.Ordinal)) + 1), Assert.Single(PatchParser.Parse(patch).Operations));
    }

    [Fact]
    public void A_heredoc_without_its_terminator_is_not_a_patch()
    {
        var error = Assert.Throws<PatchParseException>(() => PatchParser.Parse("<<'EOF'\n*** Begin Patch\n*** End Patch\n"));
        Assert.Equal("Invalid patch at line 1: expected '*** Begin Patch', found '<<'EOF''", error.Message);
    }


    [Theory]
    [InlineData("", 1, "expected '*** Begin Patch', found an empty patch")]
    [InlineData("\n*** Update File: a.txt\n*** End Patch", 2, "expected '*** Begin Patch', found '*** Update File: a.txt'")]
    [InlineData("*** Begin Patch\n*** Delete File: a.txt\n", 2, "expected '*** End Patch' as the last line, found '*** Delete File: a.txt'")]
    [InlineData("*** Begin Patch\n\n*** End Patch\n", 3, "expected at least one of '*** Add File: ', '*** Delete File: ' or '*** Update File: ', found '*** End Patch'")]
    [InlineData("*** Begin Patch", 1, "expected '*** End Patch' as the last line, found '*** Begin Patch'")]
    [InlineData("*** Begin Patch\ndiff --git a/x b/x\n*** End Patch", 2, "expected '*** Add File: ', '*** Delete File: ' or '*** Update File: ', found 'diff --git a/x b/x'")]
    [InlineData("*** Begin Patch\n*** End Patch\n*** Delete File: a\n*** End Patch", 2, "'*** End Patch' must be the last line; expected '*** Add File: ', '*** Delete File: ' or '*** Update File: ', found '*** End Patch'")]
    [InlineData("*** Begin Patch\n*** Add File: a.txt\n+one\ntwo\n*** End Patch", 4, "expected a line starting with '+' in the content of 'a.txt' (every line of an added file starts with '+'), found 'two'")]
    [InlineData("*** Begin Patch\n*** Add File: a.txt\n+one\n\n+three\n*** End Patch", 4, "expected a line starting with '+' in the content of 'a.txt' (every line of an added file starts with '+'), found ''")]
    [InlineData("*** Begin Patch\n*** Delete File:   \n*** End Patch", 2, "expected a path after '*** Delete File:', found '*** Delete File:   '")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n*** End Patch", 2, "'*** Update File: a.txt' has no hunks; expected a line starting with '@@' (or a '*** Move to: ' line to only move the file)")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n@@\n*** End Patch", 3, "a hunk of 'a.txt' has no lines; expected lines starting with ' ', '-' or '+' after '@@'")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n@@@ x\n-a\n*** End Patch", 3, "expected '@@' or '@@ ' followed by a line of context, found '@@@ x'")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n*a\n*** End Patch", 5, "expected a hunk line of 'a.txt' starting with ' ' (context), '-' (remove) or '+' (add), '@@' or '*** End of File', found '*a'")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n*** End of File\n+b\n*** End Patch", 6, "expected '@@' to start the next hunk of 'a.txt', or a file operation, found '+b'")]
    [InlineData("*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n*** Move to: b.txt\n*** End Patch", 5, "'*** Move to:' must directly follow '*** Update File: a.txt', found '*** Move to: b.txt'")]
    public void Malformed_patches_name_the_line_and_what_was_expected(string patch, int line, string detail)
    {
        var error = Assert.Throws<PatchParseException>(() => PatchParser.Parse(patch));
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(detail, error.Detail);
        Assert.Equal($"Invalid patch at line {line}: {detail}", error.Message);
    }
}
