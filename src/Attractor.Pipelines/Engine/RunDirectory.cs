// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Attractor.Pipelines;

/// <summary>The layout of a run directory (attractor-spec §5.6) and the names of restart directories.</summary>
public static partial class RunDirectory
{
    /// <summary>The copy of the DOT source kept in the run directory so a resume can reload it.</summary>
    public const string PipelineFileName = "pipeline.dot";

    /// <summary>Gets the default run directory: <c>.attractor/runs/{graph}-{yyyyMMdd-HHmmss}</c> under <paramref name="baseDirectory"/>, made unique with <c>-2</c>, <c>-3</c>, ... when taken.</summary>
    /// <param name="graphName">The graph ID or file name.</param>
    /// <param name="now">The start time (UTC is used).</param>
    /// <param name="baseDirectory">The directory to create it under; null means the current directory.</param>
    public static string CreateDefaultPath(string graphName, DateTimeOffset now, string? baseDirectory = null)
    {
        var root = Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), ".attractor", "runs");
        var stem = SafeName(graphName) + "-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var path = Path.Combine(root, stem);
        for (var suffix = 2; Directory.Exists(path); suffix++)
        {
            path = Path.Combine(root, stem + "-" + suffix.ToString(CultureInfo.InvariantCulture));
        }

        return path;
    }

    /// <summary>
    /// Gets the directory for restart number <paramref name="restart"/> after a <c>loop_restart</c> edge:
    /// <c>{logs_root}-restart-{N}</c>, where <c>logs_root</c> is the first run's directory.
    /// </summary>
    public static string RestartPath(string logsRoot, int restart)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        return SplitRestart(logsRoot).BaseRoot + "-restart-" + restart.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Splits <c>{root}-restart-{N}</c> into the first run's directory and N (0 when not a restart directory).</summary>
    public static (string BaseRoot, int Restart) SplitRestart(string logsRoot)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        var trimmed = Path.TrimEndingDirectorySeparator(logsRoot);
        var match = RestartSuffix().Match(trimmed);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (trimmed[..match.Index], n)
            : (trimmed, 0);
    }

    /// <summary>Gets <c>{logs_root}/{node_id}</c> with characters that are invalid in file names replaced.</summary>
    public static string StagePath(string logsRoot, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        ArgumentNullException.ThrowIfNull(nodeId);
        return Path.Combine(logsRoot, SafeName(nodeId));
    }

    /// <summary>Writes <c>manifest.json</c>.</summary>
    public static Task WriteManifestAsync(string logsRoot, RunManifest manifest, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, EngineJson.Indented);
        return AtomicFile.WriteAllBytesAsync(Path.Combine(logsRoot, RunManifest.FileName), bytes, cancellationToken);
    }

    /// <summary>Reads <c>manifest.json</c>, or returns null when it is missing or unreadable.</summary>
    public static async Task<RunManifest?> TryReadManifestAsync(string logsRoot, CancellationToken cancellationToken)
    {
        var path = Path.Combine(logsRoot, RunManifest.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<RunManifest>(bytes, EngineJson.Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string SafeName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "pipeline";
        }

        var invalid = Path.GetInvalidFileNameChars();
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            builder.Append(Array.IndexOf(invalid, c) >= 0 || c == '/' || c == '\\' ? '_' : c);
        }

        var safe = builder.ToString();
        return safe is "." or ".." ? "_" + safe : safe;
    }

    [GeneratedRegex(@"-restart-(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RestartSuffix();
}
