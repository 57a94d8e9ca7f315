// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// A generated source tree of 50,000 files for the grep and glob benchmarks: <c>pkg00..pkg49/mod00..mod19/</c> with
/// 50 files each (1,050 directories), deterministic (fixed seed). Files are 10–90 lines of code-like text (about
/// 110 MB in all); 40 % <c>.cs</c>, 20 % <c>.ts</c>, 10 % each <c>.md</c>, <c>.json</c>, <c>.txt</c>, <c>.py</c>; every
/// 500th file is binary (NUL bytes). <see cref="RareToken"/> appears on one line in every 2,500th file (20 lines in
/// all), <c>TODO</c> on about one line in 20.
/// </summary>
public static class SearchTree
{
    public const int Packages = 50;
    public const int ModulesPerPackage = 20;
    public const int FilesPerModule = 50;
    public const int FileCount = Packages * ModulesPerPackage * FilesPerModule;
    public const string RareToken = "FROBNICATE_";
    public const int RareLines = FileCount / 2_500;

    // Bump when the layout or contents change, so an old tree is regenerated.
    private const string Version = "attractor-search-tree v1";

    private static readonly string[] Words =
    [
        "var", "return", "if", "else", "parser", "token", "node", "edge", "graph", "value", "result", "context", "await",
        "async", "public", "static", "string", "int", "list", "map", "index", "count", "buffer", "stream", "reader",
        "writer", "options", "config", "handler", "state", "error", "check", "build", "emit", "span", "line", "column",
    ];

    /// <summary>Gets the directory of the tree: <c>ATTRACTOR_SEARCH_TREE</c>, else <c>/var/tmp/attractor-search-tree</c>.</summary>
    public static string Root => System.Environment.GetEnvironmentVariable("ATTRACTOR_SEARCH_TREE") is { Length: > 0 } root
        ? root
        : Path.Combine(Path.GetTempPath() == "/tmp/" ? "/var/tmp" : Path.GetTempPath(), "attractor-search-tree");

    /// <summary>Creates the tree unless a complete one of this version is already there.</summary>
    /// <returns>The root directory.</returns>
    public static string Ensure()
    {
        var root = Root;
        var marker = Path.Combine(root, ".complete");
        if (File.Exists(marker) && File.ReadAllText(marker) == Version)
        {
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var random = new Random(20261201);
        var index = 0;
        var bytes = 0L;
        for (var p = 0; p < Packages; p++)
        {
            for (var m = 0; m < ModulesPerPackage; m++)
            {
                var directory = Path.Combine(root, Invariant($"pkg{p:D2}"), Invariant($"mod{m:D2}"));
                Directory.CreateDirectory(directory);
                for (var f = 0; f < FilesPerModule; f++, index++)
                {
                    var content = index % 500 == 499 ? Binary(random) : Text(random, index);
                    File.WriteAllBytes(Path.Combine(directory, Invariant($"file{f:D3}") + Extension(index)), content);
                    bytes += content.Length;
                }
            }
        }

        File.WriteAllText(marker, Version);
        Console.Error.WriteLine(Invariant($"generated {FileCount} files ({bytes / 1e6:F1} MB) in {root}"));
        return root;
    }

    private static string Extension(int index) => (index % 10) switch
    {
        0 or 1 or 2 or 3 => ".cs",
        4 or 5 => ".ts",
        6 => ".md",
        7 => ".json",
        8 => ".txt",
        _ => ".py",
    };

    private static byte[] Text(Random random, int index)
    {
        var builder = new StringBuilder();
        var lines = random.Next(10, 91);
        var rareLine = index % 2_500 == 1_234 ? random.Next(lines) : -1;
        for (var line = 0; line < lines; line++)
        {
            builder.Append(' ', 4 * random.Next(4));
            if (line == rareLine)
            {
                builder.Append("call(").Append(RareToken).Append(index.ToString(CultureInfo.InvariantCulture)).Append(");\n");
                continue;
            }

            if (random.Next(20) == 0)
            {
                builder.Append("// TODO: ");
            }

            var words = random.Next(3, 10);
            for (var w = 0; w < words; w++)
            {
                builder.Append(Words[random.Next(Words.Length)]).Append(w % 3 == 2 ? "(" : " ");
            }

            builder.Append(";\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static byte[] Binary(Random random)
    {
        var content = new byte[4_096];
        random.NextBytes(content);
        content[100] = 0;
        return content;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
