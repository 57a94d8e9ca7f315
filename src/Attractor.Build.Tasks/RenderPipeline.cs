// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Attractor.Build.Tasks;

/// <summary>
/// Draws one pipeline next to its file with <c>attractor render</c>: an SVG through Graphviz when it is
/// installed, otherwise a Markdown file with a Mermaid flowchart; nodes are coloured by the latest run
/// found in <see cref="RunsDirectory"/>.
/// </summary>
public sealed class RenderPipeline : AttractorCliTask
{
    private string _format = "mermaid";

    /// <summary>Gets or sets the pipeline file (absolute path).</summary>
    [Required]
    public ITaskItem? Pipeline { get; set; }

    /// <summary>Gets or sets the format: <c>auto</c> (default: svg when Graphviz is found, else mermaid), <c>svg</c> or <c>mermaid</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Gets or sets Graphviz's <c>dot</c> program; empty looks for <c>dot</c> on the PATH.</summary>
    public string? Graphviz { get; set; }

    /// <summary>Gets or sets the directory holding the CLI's runs (<c>&lt;graph id&gt;-&lt;time&gt;</c>) whose latest colours the nodes.</summary>
    public string? RunsDirectory { get; set; }

    /// <summary>Gets the file written (absolute path).</summary>
    [Output]
    public string? Rendered { get; private set; }

    /// <inheritdoc />
    protected override string ErrorFile => Pipeline?.ItemSpec ?? base.ErrorFile;

    /// <summary>Finds Graphviz: <paramref name="configured"/> when set, else <c>dot</c> in a PATH directory.</summary>
    /// <returns>The program, or null when it is not installed.</returns>
    internal static string? FindGraphviz(string? configured, string? path)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var name = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        return (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory.Trim(), name))
            .FirstOrDefault(File.Exists);
    }

    /// <inheritdoc />
    public override bool Execute()
    {
        var format = string.IsNullOrWhiteSpace(Format) ? "auto" : Format.Trim().ToLowerInvariant();
        var graphviz = FindGraphviz(Graphviz, Environment.GetEnvironmentVariable("PATH"));
        switch (format)
        {
            case "auto":
                _format = graphviz is null ? "mermaid" : "svg";
                break;
            case "svg" when graphviz is null:
                Log.LogError(null, "ATR5008", null, ErrorFile, 0, 0, 0, 0, "RenderPipelinesFormat=svg needs Graphviz, and '{0}' was not found. Install Graphviz (apt-get install graphviz), set GraphvizDot, or use RenderPipelinesFormat=auto.", string.IsNullOrWhiteSpace(Graphviz) ? "dot (on the PATH)" : Graphviz);
                return false;
            case "svg" or "mermaid":
                _format = format;
                break;
            default:
                Log.LogError(null, "ATR5008", null, ErrorFile, 0, 0, 0, 0, "RenderPipelinesFormat '{0}' is not one of auto, svg or mermaid.", Format);
                return false;
        }

        Graphviz = graphviz;
        Rendered = Path.ChangeExtension(Pipeline!.ItemSpec, _format == "svg" ? ".svg" : ".md");
        return base.Execute();
    }

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
        builder.AppendFileNameIfNotNull(CliPath);
        builder.AppendTextUnquoted(" render");
        builder.AppendFileNameIfNotNull(RelativeToWorkingDirectory(Pipeline!.ItemSpec));
        builder.AppendSwitchIfNotNull("--format ", _format);
        if (_format == "svg" && !string.IsNullOrWhiteSpace(Graphviz))
        {
            builder.AppendSwitchIfNotNull("--graphviz ", Graphviz);
        }

        if (!string.IsNullOrWhiteSpace(RunsDirectory))
        {
            builder.AppendSwitchIfNotNull("--last-run-in ", RelativeToWorkingDirectory(Path.GetFullPath(RunsDirectory, WorkingDirectory)));
        }

        return builder.ToString();
    }
}
