// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;
using Attractor.Cli.Output.Json;
using Attractor.Dot;

namespace Attractor.Cli.Output;

/// <summary>Writes a report as one <see cref="JsonValidationDocument"/> (schema in <c>docs/cli.md</c>).</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // Messages quote node IDs with ' and show edges as ->; the default encoder would turn those into
    // \u0027 and \u003E. The output is never embedded in HTML, so the relaxed encoder is safe.
    private static readonly CliJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <inheritdoc />
    public async Task WriteAsync(ValidationReport report, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);

        var json = JsonSerializer.Serialize(CreateDocument(report), Context.JsonValidationDocument);
        await console.Out.WriteLineAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Maps a report to the JSON document.</summary>
    /// <param name="report">The report.</param>
    public static JsonValidationDocument CreateDocument(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var files = new List<JsonFileEntry>(report.Files.Count);
        var diagnostics = new List<JsonDiagnostic>();
        foreach (var file in report.Files)
        {
            var errors = file.Count(DiagnosticSeverity.Error);
            var status = file.IsUnreadable ? "unreadable" : errors > 0 ? "invalid" : "valid";
            files.Add(new JsonFileEntry(file.Path, status, errors, file.Count(DiagnosticSeverity.Warning), file.Count(DiagnosticSeverity.Info), file.ReadError));
            foreach (var diagnostic in file.Diagnostics)
            {
                diagnostics.Add(ToJson(diagnostic, file.Path));
            }
        }

        var summary = new JsonSummary(report.Files.Count, report.ErrorCount, report.WarningCount, report.InfoCount, report.UnreadableCount);
        return new JsonValidationDocument(JsonValidationDocument.CurrentSchemaVersion, files, diagnostics, summary, report.ExitCode);
    }

    private static JsonDiagnostic ToJson(DotDiagnostic diagnostic, string filePath)
    {
        var span = diagnostic.Span;
        var jsonSpan = span.IsKnown ? new JsonSpan(span.StartLine, span.StartColumn, span.EndLine, span.EndColumn, span.Start, span.Length) : null;
        var edge = diagnostic.Edge is { } reference ? new JsonEdge(reference.From, reference.To) : null;
        return new JsonDiagnostic(
            diagnostic.Id,
            diagnostic.Rule,
            DotDiagnostic.SeverityText(diagnostic.Severity),
            diagnostic.Message,
            diagnostic.Fix,
            diagnostic.FilePath ?? filePath,
            jsonSpan,
            diagnostic.NodeId,
            edge,
            diagnostic.Descriptor.HelpLink);
    }
}
