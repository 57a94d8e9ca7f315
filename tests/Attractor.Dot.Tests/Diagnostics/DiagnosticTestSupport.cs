// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Diagnostics;

/// <summary>Files of the repository and of the test output that the diagnostics tests read.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(() => FindRoot());

    /// <summary>Gets the repository root: the directory holding <c>Attractor.Build.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets the path of <c>docs/diagnostics.md</c>.</summary>
    public static string DiagnosticsDocument => Path.Combine(RepositoryRoot, "docs", "diagnostics.md");

    /// <summary>Gets the real-world corpus copied next to the test assembly.</summary>
    public static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    // The test output is normally under the repository (bin/ or artifacts/), but a build with
    // --artifacts-path elsewhere puts it outside; then the source location, which the compiler
    // records, or the working directory leads back.
    private static string FindRoot(
        [System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Environment.CurrentDirectory })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Attractor.Build.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Attractor.Build.sln not found above " + AppContext.BaseDirectory + ", " + sourceFile + " or " + Environment.CurrentDirectory);
    }
}

/// <summary>
/// Runs parser code on its own thread with a time limit, so a parser that loops forever fails the
/// test with the offending input instead of hanging the whole run. .NET cannot abort the runaway
/// thread; it is a background thread and dies with the test process.
/// </summary>
internal static class Watchdog
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private static int _tripped;

    /// <summary>Gets a value indicating whether some call has already timed out in this process.</summary>
    public static bool Tripped => Volatile.Read(ref _tripped) != 0;

    public static T Run<T>(Func<T> action, string input) => Run(action, input, DefaultTimeout);

    public static T Run<T>(Func<T> action, string input, TimeSpan timeout)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })
        {
            IsBackground = true,
            Name = "watchdog",
        };

        thread.Start();
        if (!thread.Join(timeout))
        {
            Interlocked.Exchange(ref _tripped, 1);
            throw new TimeoutException("Did not finish within " + timeout.TotalSeconds + " s (infinite loop?) for input:\n" + Show(input));
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("Threw " + failure.GetType().Name + " for input:\n" + Show(input), failure);
        }

        return result;
    }

    public static string Show(string input) =>
        input.Length <= 2000 ? input : input.Substring(0, 2000) + "\n... (" + input.Length + " characters)";
}

/// <summary>Checks every diagnostic of an input against the invariants all diagnostics must meet.</summary>
internal static class DiagnosticInvariants
{
    /// <summary>
    /// Parses and loads the text; asserts that neither throws nor hangs, and that every diagnostic has
    /// a catalog ID and a span inside the text whose line and column agree with its offsets.
    /// </summary>
    public static void AssertHolds(string text)
    {
        if (Watchdog.Tripped)
        {
            // After one hang the first failing input is already reported; running more would only
            // pile up runaway threads.
            return;
        }

        var (parsed, loaded) = Watchdog.Run(() => (DotParser.Parse(text, "fuzz.dot"), PipelineLoader.Default.Load(text, "fuzz.dot")), text);
        foreach (var diagnostic in parsed.Diagnostics)
        {
            AssertWellFormed(diagnostic, text);
            Assert.True(diagnostic.Descriptor.Category == DiagnosticCategory.Syntax, "The parser reported a lint diagnostic: " + diagnostic);
        }

        foreach (var diagnostic in loaded.Diagnostics)
        {
            AssertWellFormed(diagnostic, text);
            Assert.True(diagnostic.Id != DiagnosticDescriptors.InternalError.Id, "A built-in rule or transform crashed: " + diagnostic + "\nInput:\n" + Watchdog.Show(text));
        }
    }

    public static void AssertWellFormed(DotDiagnostic diagnostic, string text)
    {
        var span = diagnostic.Span;
        var where = diagnostic + " " + span + " start=" + span.Start + " length=" + span.Length + " in a text of " + text.Length + " characters:\n" + Watchdog.Show(text);
        Assert.True(DiagnosticDescriptors.All.Contains(diagnostic.Descriptor), "Unknown descriptor: " + where);
        Assert.Equal(diagnostic.Descriptor.DefaultSeverity, diagnostic.Severity);
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), "Empty message: " + where);
        Assert.True(span.IsKnown, "No location: " + where);
        Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= text.Length, "Span outside the text: " + where);
        Assert.True(span.StartLine >= 1 && span.StartColumn >= 1 && span.EndLine >= span.StartLine, "Bad line or column: " + where);
        Assert.True(span.EndLine > span.StartLine || span.EndColumn >= span.StartColumn, "Span ends before it starts: " + where);
        Assert.True(TextPosition.Of(text, span.Start) == (span.StartLine, span.StartColumn), "Start line/column disagree with the offset (expected " + TextPosition.Of(text, span.Start) + "): " + where);
        Assert.True(TextPosition.Of(text, span.End) == (span.EndLine, span.EndColumn), "End line/column disagree with the offset (expected " + TextPosition.Of(text, span.End) + "): " + where);
    }
}

/// <summary>Computes 1-based line and column from an offset the way the lexer counts them.</summary>
internal static class TextPosition
{
    public static (int Line, int Column) Of(string text, int offset)
    {
        // A leading byte order mark is not content: the first character after it is column 1.
        int line = 1, lineStart = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>Gets the source text a span covers.</summary>
    public static string TextOf(string text, SourceSpan span) => text.Substring(span.Start, span.Length);
}

/// <summary>
/// The buggy transform of the ATR2004 example in docs/diagnostics.md: drops the nodes marked
/// <c>skip=true</c> (or the named nodes) but keeps their edges.
/// </summary>
internal sealed class DropSkippedNodes : IGraphTransform
{
    private readonly string[] _ids;

    public DropSkippedNodes(params string[] ids) => _ids = ids;

    public PipelineGraph Apply(PipelineGraph graph) =>
        graph.WithNodes(graph.Nodes.Where(n => !n.GetBoolean("skip") && !_ids.Contains(n.Id)).ToArray());
}

/// <summary>The crashing custom rule of the ATR2999 example in docs/diagnostics.md.</summary>
internal sealed class OwnerRule : ILintRule
{
    /// <summary>The type name the documentation shows for this rule.</summary>
    public const string DocumentedTypeName = "Contoso.Pipelines.OwnerRule";

    public string Name => "owner_required";

    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            _ = node.Attributes.GetString("owner") ?? throw new KeyNotFoundException("Node '" + node.Id + "' has no attribute 'owner'.");
        }

        return [];
    }
}

/// <summary>A transform that always throws, for ATR2999 raised by a transform.</summary>
internal sealed class ExplodingTransform : IGraphTransform
{
    public PipelineGraph Apply(PipelineGraph graph) => throw new InvalidOperationException("transform exploded");
}
