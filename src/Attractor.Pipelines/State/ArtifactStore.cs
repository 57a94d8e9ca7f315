// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines;

/// <summary>
/// Named storage for large stage outputs that do not belong in the context (attractor-spec §5.5).
/// Data is serialized to JSON; an artifact larger than <see cref="FileBackingThreshold"/> bytes is
/// written atomically to <c>{base_dir}/artifacts/{id}.json</c> when a base directory is configured,
/// otherwise it is kept in memory as JSON. Every operation is thread-safe.
/// </summary>
public sealed class ArtifactStore
{
    /// <summary>The default file-backing threshold: 100 KB (102,400 bytes).</summary>
    public const long DefaultFileBackingThreshold = 100 * 1024;

    /// <summary>The folder under the base directory that holds file-backed artifacts.</summary>
    public const string ArtifactsFolder = "artifacts";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ArtifactStore"/> class.</summary>
    /// <param name="baseDirectory">The run directory under which <c>artifacts/</c> is created; null keeps everything in memory.</param>
    /// <param name="fileBackingThreshold">Artifacts strictly larger than this many bytes are file-backed.</param>
    /// <param name="timeProvider">The clock for <see cref="ArtifactInfo.StoredAt"/>; null uses the system clock.</param>
    public ArtifactStore(string? baseDirectory = null, long fileBackingThreshold = DefaultFileBackingThreshold, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fileBackingThreshold);
        BaseDirectory = baseDirectory is null ? null : Path.GetFullPath(baseDirectory);
        FileBackingThreshold = fileBackingThreshold;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the base directory, or null for a memory-only store.</summary>
    public string? BaseDirectory { get; }

    /// <summary>Gets the size in bytes above which artifacts are written to disk.</summary>
    public long FileBackingThreshold { get; }

    /// <summary>Stores (or replaces) an artifact.</summary>
    /// <param name="artifactId">The ID; it becomes a file name, so it may not contain path separators.</param>
    /// <param name="name">A human-readable name.</param>
    /// <param name="data">Any JSON-serializable value.</param>
    /// <param name="cancellationToken">Cancels the file write.</param>
    /// <returns>The artifact's description.</returns>
    public async Task<ArtifactInfo> StoreAsync(string artifactId, string name, object? data, CancellationToken cancellationToken = default)
    {
        ValidateId(artifactId);
        ArgumentNullException.ThrowIfNull(name);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(data, data?.GetType() ?? typeof(object));
        var fileBacked = bytes.LongLength > FileBackingThreshold && BaseDirectory is not null;
        var info = new ArtifactInfo(artifactId, name, bytes.LongLength, _time.GetUtcNow(), fileBacked);
        var path = PathFor(artifactId);
        if (fileBacked)
        {
            // Written before the entry is published, atomically, so readers never see a torn file.
            await AtomicFile.WriteAllBytesAsync(path!, bytes, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (!fileBacked && _entries.TryGetValue(artifactId, out var previous) && previous.Info.IsFileBacked)
            {
                File.Delete(path!);
            }

            _entries[artifactId] = new Entry(info, fileBacked ? null : bytes);
        }

        return info;
    }

    /// <summary>
    /// Registers the file-backed artifacts already under <c>{base_dir}/artifacts</c> that the store does not
    /// know, e.g. when a run is resumed in a new process. Their name is their ID (the name is not on disk);
    /// in-memory artifacts of the earlier process are gone.
    /// </summary>
    /// <returns>How many artifacts were registered.</returns>
    public int IndexExistingFiles()
    {
        if (BaseDirectory is null)
        {
            return 0;
        }

        var directory = Path.Combine(BaseDirectory, ArtifactsFolder);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var added = 0;
        lock (_gate)
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.json"))
            {
                // Dot files are the temp files of writes a crash interrupted.
                var id = Path.GetFileNameWithoutExtension(file.Name);
                if (file.Name.StartsWith('.') || _entries.ContainsKey(id))
                {
                    continue;
                }

                _entries[id] = new Entry(new ArtifactInfo(id, id, file.Length, file.LastWriteTimeUtc, IsFileBacked: true), null);
                added++;
            }
        }

        return added;
    }

    /// <summary>Retrieves an artifact's data as JSON.</summary>
    /// <param name="artifactId">The ID.</param>
    /// <param name="cancellationToken">Cancels the file read.</param>
    /// <returns>The data (null when null was stored).</returns>
    /// <exception cref="KeyNotFoundException">No artifact has this ID.</exception>
    public async Task<JsonNode?> RetrieveAsync(string artifactId, CancellationToken cancellationToken = default)
    {
        var bytes = await RetrieveBytesAsync(artifactId, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(bytes);
    }

    /// <summary>Retrieves an artifact's data deserialized as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to deserialize to.</typeparam>
    /// <param name="artifactId">The ID.</param>
    /// <param name="cancellationToken">Cancels the file read.</param>
    /// <returns>The data.</returns>
    /// <exception cref="KeyNotFoundException">No artifact has this ID.</exception>
    public async Task<T?> RetrieveAsync<T>(string artifactId, CancellationToken cancellationToken = default)
    {
        var bytes = await RetrieveBytesAsync(artifactId, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<T>(bytes);
    }

    /// <summary>Gets whether an artifact with this ID exists.</summary>
    public bool Has(string artifactId)
    {
        ArgumentNullException.ThrowIfNull(artifactId);
        lock (_gate)
        {
            return _entries.ContainsKey(artifactId);
        }
    }

    /// <summary>Lists the stored artifacts, ordered by ID.</summary>
    public IReadOnlyList<ArtifactInfo> List()
    {
        lock (_gate)
        {
            return [.. _entries.Values.Select(static e => e.Info).OrderBy(static i => i.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Removes an artifact (and its file); returns whether it existed.</summary>
    public bool Remove(string artifactId)
    {
        ArgumentNullException.ThrowIfNull(artifactId);
        lock (_gate)
        {
            if (!_entries.Remove(artifactId, out var entry))
            {
                return false;
            }

            if (entry.Info.IsFileBacked)
            {
                File.Delete(PathFor(artifactId)!);
            }

            return true;
        }
    }

    /// <summary>Removes every artifact and the files of file-backed ones.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values.Where(static e => e.Info.IsFileBacked))
            {
                File.Delete(PathFor(entry.Info.Id)!);
            }

            _entries.Clear();
        }
    }

    private async Task<byte[]> RetrieveBytesAsync(string artifactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifactId);
        Entry? entry;
        lock (_gate)
        {
            _entries.TryGetValue(artifactId, out entry);
        }

        if (entry is null)
        {
            throw new KeyNotFoundException($"Artifact not found: '{artifactId}'.");
        }

        if (entry.Data is { } data)
        {
            return data;
        }

        try
        {
            return await File.ReadAllBytesAsync(PathFor(artifactId)!, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException exception)
        {
            // Removed concurrently.
            throw new KeyNotFoundException($"Artifact not found: '{artifactId}'.", exception);
        }
    }

    private string? PathFor(string artifactId) =>
        BaseDirectory is null ? null : Path.Combine(BaseDirectory, ArtifactsFolder, artifactId + ".json");

    private static void ValidateId(string artifactId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactId);
        if (artifactId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || artifactId is "." or ".." || artifactId.Contains('/', StringComparison.Ordinal) || artifactId.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact ID '{artifactId}' cannot be used as a file name.", nameof(artifactId));
        }
    }

    private sealed record Entry(ArtifactInfo Info, byte[]? Data);
}
