// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Attractor.Backends;
using Spectre.Console;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor stats &lt;logs-root&gt; [--json]</c>: the backend numbers of a finished (or interrupted) run, read from
/// what it recorded — lifecycle counts, chunks, stream durations, tokens, failures by category, cancel results and
/// latency, retries by category. Tables on a terminal, plain lines otherwise, JSON with <c>--json</c>.
/// </summary>
public static class StatsCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "stats";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    /// <returns>The command.</returns>
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var logsRoot = new Argument<string>("logs-root") { Description = "The run directory (holding events.jsonl)." };
        var json = new Option<bool>("--json") { Description = "Write the numbers as JSON." };
        var command = new Command(Name, "Show a run's backend numbers: attempts, chunks, durations, failures, cancels and retries.")
        {
            logsRoot,
            json,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(parseResult.GetValue(logsRoot) ?? string.Empty, parseResult.GetValue(json), console, cancellationToken));
        return command;
    }

    /// <summary>Reads a run's numbers and writes them.</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="json">Whether to write JSON.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static async Task<int> RunAsync(string logsRoot, bool json, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        RunStats stats;
        try
        {
            stats = RunStats.Read(logsRoot);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await console.WriteProblemAsync("cannot read the run '" + logsRoot + "': " + exception.Message, cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (json)
        {
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(stats, Json).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        else if (console.IsOutputTerminal)
        {
            WriteTables(stats, console);
        }
        else
        {
            foreach (var line in PlainLines(stats))
            {
                await console.Out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The plain report: one line per backend, failure group, cancel group and retry group.</summary>
    /// <param name="stats">The numbers.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> PlainLines(RunStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Backends.Count == 0)
        {
            yield return "no backend attempts recorded";
        }

        foreach (var b in stats.Backends)
        {
            yield return Invariant($"backend {b.Backend}: started={b.Started} completed={b.Completed} failed={b.Failed} canceled={b.Canceled} deltas={b.Deltas} thinking={b.Thinking} tool_calls={b.ToolCalls} duration_ms={b.TotalDurationMs:0} max_ms={b.MaxDurationMs:0} tokens_in={b.InputTokens} tokens_out={b.OutputTokens}")
                + (b.CostUsd is { } cost ? Invariant($" cost_usd={cost}") : string.Empty);
        }

        foreach (var f in stats.Failures)
        {
            yield return Invariant($"failures {f.Backend} {f.Category}{(f.Retryable ? " retryable" : string.Empty)}: {f.Count}");
        }

        foreach (var c in stats.Cancels)
        {
            yield return Invariant($"cancels {c.Backend} {c.Result}: {c.Count}") + (c.AverageLatencyMs is { } average ? Invariant($" latency_ms avg={average:0.0} max={c.MaxLatencyMs:0.0}") : string.Empty);
        }

        foreach (var r in stats.Retries)
        {
            yield return Invariant($"retries {r.Backend} {r.Category}: {r.Count}");
        }
    }

    private static void WriteTables(RunStats stats, CliConsole console)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            ColorSystem = console.UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var backends = new Table().Border(TableBorder.Rounded).Title("Backends");
        foreach (var column in new[] { "Backend", "Started", "Completed", "Failed", "Canceled", "Deltas", "Thinking", "Tools", "Duration ms", "Max ms", "Tokens in/out", "Cost $" })
        {
            backends.AddColumn(column == "Backend" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var b in stats.Backends)
        {
            backends.AddRow(
                Markup.Escape(b.Backend), Number(b.Started), Number(b.Completed), Number(b.Failed), Number(b.Canceled), Number(b.Deltas), Number(b.Thinking), Number(b.ToolCalls),
                Invariant($"{b.TotalDurationMs:0}"), Invariant($"{b.MaxDurationMs:0}"), Invariant($"{b.InputTokens}/{b.OutputTokens}"), b.CostUsd is { } cost ? Invariant($"{cost}") : "-");
        }

        ansi.Write(backends);
        var outcomes = new Table().Border(TableBorder.Rounded).Title("Failures, cancels and retries");
        outcomes.AddColumn("Kind").AddColumn("Backend").AddColumn("Category / result").AddColumn(new TableColumn("Count").RightAligned()).AddColumn(new TableColumn("Cancel latency ms (avg/max)").RightAligned());
        foreach (var f in stats.Failures)
        {
            outcomes.AddRow("failed", Markup.Escape(f.Backend), f.Category + (f.Retryable ? " (retryable)" : string.Empty), Number(f.Count), string.Empty);
        }

        foreach (var c in stats.Cancels)
        {
            outcomes.AddRow("canceled", Markup.Escape(c.Backend), c.Result, Number(c.Count), c.AverageLatencyMs is { } average ? Invariant($"{average:0.0}/{c.MaxLatencyMs:0.0}") : "-");
        }

        foreach (var r in stats.Retries)
        {
            outcomes.AddRow("retried", Markup.Escape(r.Backend), r.Category, Number(r.Count), string.Empty);
        }

        if (outcomes.Rows.Count > 0)
        {
            ansi.Write(outcomes);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
