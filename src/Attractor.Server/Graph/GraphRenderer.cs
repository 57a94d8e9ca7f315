// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Attractor.Cli.Rendering;
using Attractor.Dot;
using Attractor.Server.Runs;

namespace Attractor.Server.Graph;

/// <summary>
/// Draws a run's graph as SVG through Graphviz, with the drawing of <c>attractor render</c> (its
/// <see cref="GraphvizWriter"/>, compiled in from the CLI) and each node's live state laid over it: a fill colour
/// and a <c>state-*</c> class, so the UI can recolour nodes as events arrive without drawing again.
/// </summary>
internal sealed class GraphRenderer(string? graphvizPath)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _dot = string.IsNullOrWhiteSpace(graphvizPath) ? "dot" : graphvizPath;

    /// <summary>Gets the DOT text handed to Graphviz.</summary>
    public static string ToDot(PipelineGraph graph, IReadOnlyDictionary<string, NodeState> states)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var outcomes = new Dictionary<string, NodeOutcome>(StringComparer.Ordinal);
        foreach (var (node, state) in states)
        {
            outcomes[node] = state switch
            {
                NodeState.Succeeded => NodeOutcome.Success,
                NodeState.Failed => NodeOutcome.Fail,
                NodeState.Retrying => NodeOutcome.Retry,
                _ => NodeOutcome.None,
            };
        }

        var text = GraphvizWriter.Write(graph, outcomes);

        // A later statement for a node adds to its attributes: the live states go after the shared drawing.
        var overlay = new StringBuilder();
        foreach (var node in graph.Nodes)
        {
            var state = states.GetValueOrDefault(node.Id, NodeState.Pending);
            overlay.Append("    ").Append(Quote(node.Id)).Append(" [class=").Append(Quote("state-" + state.ToString().ToLowerInvariant()));
            var fill = state switch
            {
                NodeState.Running => "#cfe2ff",
                NodeState.Waiting => "#ffe0b2",
                _ => null,
            };
            if (fill is not null)
            {
                overlay.Append(", fillcolor=").Append(Quote(fill));
            }

            overlay.Append("]\n");
        }

        var end = text.LastIndexOf('}');
        return text[..end] + overlay + text[end..];
    }

    /// <summary>Runs Graphviz; null when it is not installed (the UI then draws the graph itself).</summary>
    /// <exception cref="InvalidOperationException">Graphviz failed or took too long.</exception>
    public async Task<string?> RenderSvgAsync(string dotText, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(_dot, ["-Tsvg"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
                var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
                await process.StandardInput.WriteAsync(dotText.AsMemory(), deadline.Token).ConfigureAwait(false);
                process.StandardInput.Close();
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                var svg = await stdout.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    var error = (await stderr.ConfigureAwait(false)).Trim().ReplaceLineEndings(" | ");
                    throw new InvalidOperationException($"Graphviz '{_dot}' failed (exit code {process.ExitCode}): {error}");
                }

                return svg;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"Graphviz '{_dot}' took longer than {Timeout.TotalSeconds:0} s");
            }
        }
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
