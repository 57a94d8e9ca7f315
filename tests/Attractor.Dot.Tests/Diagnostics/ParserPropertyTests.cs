// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using CsCheck;

namespace Attractor.Dot.Tests.Diagnostics;

/// <summary>
/// Property tests: for any text, and for the real-world corpus truncated, corrupted or salted
/// with DOT punctuation, <see cref="DotParser.Parse"/> and <see cref="PipelineLoader.Load"/> never
/// throw or hang, and every diagnostic has a catalog ID and a span inside the text. Iteration
/// counts keep the whole class to a few seconds.
/// </summary>
public sealed class ParserPropertyTests
{
    /// <summary>The DOT alphabet inserted into corpus files; '\n' lets tokens start lines, which matters to recovery.</summary>
    private static readonly string[] DotTokens = ["{", "}", "[", "]", "=", ";", ",", "->", "--", "\"", "/", "*", "#", "<", ">", "\n"];

    private static readonly Lazy<CorpusFile[]> Corpus = new(LoadCorpus);

    private static readonly Gen<int> FileIndex = Gen.Int[0, int.MaxValue].Select(i => i % Corpus.Value.Length);

    [Fact]
    public void Corpus_is_available_and_meets_the_invariants_unchanged()
    {
        Assert.True(Corpus.Value.Length >= 25, "Corpus files missing from " + RepositoryFiles.CorpusDirectory);
        foreach (var file in Corpus.Value)
        {
            DiagnosticInvariants.AssertHolds(file.Text);
        }
    }

    [Fact]
    public void Any_string()
    {
        Gen.String.Sample(DiagnosticInvariants.AssertHolds, iter: 1500);
    }

    [Fact]
    public void Strings_over_the_dot_alphabet()
    {
        var chars = Gen.Char["{}[]=;,-<>\"/*#:\\ \n\tabdigraphsubnodetrc_.01"];
        Gen.String[chars, 0, 120].Sample(DiagnosticInvariants.AssertHolds, iter: 1500);
    }

    [Fact]
    public void Strings_of_dot_tokens_and_keywords()
    {
        var token = Gen.OneOf("digraph", "graph", "strict", "subgraph", "node", "edge", "a", "b", "\"s\"", "x=1", " ", "\n", "{", "}", "[", "]", "=", ";", ",", "->", "--", ":", "\"", "\\", "/*", "*/", "//", "#", "<", ">", "\uFEFF", "\r\n");
        token.Array[0, 40].Select(parts => string.Concat(parts)).Sample(DiagnosticInvariants.AssertHolds, iter: 1500);
    }

    [Fact]
    public void Corpus_files_truncated_at_any_offset()
    {
        Gen.Select(FileIndex, Gen.Int[0, int.MaxValue], (file, cut) => Mutation.Of(file, text => text.Substring(0, cut % (text.Length + 1)), "truncated at " + cut))
            .Sample(m => DiagnosticInvariants.AssertHolds(m.Text), iter: 250, print: m => m.ToString());
    }

    [Fact]
    public void Corpus_files_with_characters_replaced()
    {
        var edit = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Char);
        Gen.Select(FileIndex, edit.Array[1, 8], (file, edits) => Mutation.Of(file, text => Replace(text, edits), "characters replaced: " + Describe(edits)))
            .Sample(m => DiagnosticInvariants.AssertHolds(m.Text), iter: 250, print: m => m.ToString());
    }

    [Fact]
    public void Corpus_files_with_bytes_flipped()
    {
        // Corruption as a file reader sees it: random bits of the UTF-8 bytes flipped, decoded again
        // (invalid sequences become U+FFFD).
        var flip = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 7]);
        Gen.Select(FileIndex, flip.Array[1, 8], (file, flips) => Mutation.Of(file, text => FlipBits(text, flips), "bits flipped: " + string.Join(", ", flips)))
            .Sample(m => DiagnosticInvariants.AssertHolds(m.Text), iter: 250, print: m => m.ToString());
    }

    [Fact]
    public void Corpus_files_with_dot_tokens_inserted()
    {
        var insert = Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(DotTokens));
        Gen.Select(FileIndex, insert.Array[1, 8], (file, inserts) => Mutation.Of(file, text => Insert(text, inserts), "inserted: " + Describe(inserts)))
            .Sample(m => DiagnosticInvariants.AssertHolds(m.Text), iter: 250, print: m => m.ToString());
    }

    private static string Replace(string text, (int Position, char Char)[] edits)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var (position, c) in edits)
        {
            chars[position % chars.Length] = c;
        }

        return new string(chars);
    }

    private static string FlipBits(string text, (int Position, int Bit)[] flips)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length == 0)
        {
            return text;
        }

        foreach (var (position, bit) in flips)
        {
            bytes[position % bytes.Length] ^= (byte)(1 << bit);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string Insert(string text, (int Position, string Token)[] inserts)
    {
        var builder = new StringBuilder(text);
        foreach (var (position, token) in inserts)
        {
            builder.Insert(position % (builder.Length + 1), token);
        }

        return builder.ToString();
    }

    private static string Describe<T>((int Position, T Value)[] edits) =>
        string.Join(", ", edits.Select(e => e.Position + ":" + Escape(e.Value?.ToString() ?? string.Empty)));

    private static string Escape(string text) =>
        text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static CorpusFile[] LoadCorpus() =>
        Directory.Exists(RepositoryFiles.CorpusDirectory)
            ? Directory.GetFiles(RepositoryFiles.CorpusDirectory, "*.dot")
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => new CorpusFile(Path.GetFileName(path), File.ReadAllText(path)))
                .ToArray()
            : [];

    private sealed record CorpusFile(string Name, string Text);

    /// <summary>A corpus file after a mutation; prints as the file and the mutation, then the text.</summary>
    private sealed record Mutation(string File, string Description, string Text)
    {
        public static Mutation Of(int file, Func<string, string> mutate, string description)
        {
            var source = Corpus.Value[file];
            return new Mutation(source.Name, description, mutate(source.Text));
        }

        public override string ToString() => File + " " + Description + ":\n" + Watchdog.Show(Text);
    }
}
