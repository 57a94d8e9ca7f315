// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using Attractor.Backends.Harness;

namespace Attractor.Backends.Tests.Harness;

/// <summary>The recorded CLI streams next to this file (copies of shared/fixtures/coding-clis plus our own error recordings).</summary>
internal static class Fixtures
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    public static (List<BackendEvent> Events, HarnessTurn Turn) Parse(CodingCli cli, string name) => ParseLines(cli, Lines(name));

    public static (List<BackendEvent> Events, HarnessTurn Turn) ParseLines(CodingCli cli, IEnumerable<string> lines)
    {
        var turn = new HarnessTurn(new BackendEventSource(cli.Name, "node", 1) { Provider = cli.DefaultProvider });
        var parser = cli.CreateParser(turn);
        var events = new List<BackendEvent>();
        foreach (var line in lines)
        {
            parser.ParseLine(line, events);
        }

        return (events, turn);
    }

    private static string Locate([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Fixtures");
}
