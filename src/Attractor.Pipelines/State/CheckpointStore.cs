// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines;

/// <summary>Saves and loads <see cref="Checkpoint"/>s; saving is atomic (temp file, fsync, rename).</summary>
public static class CheckpointStore
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    /// <summary>Gets the checkpoint path of a run directory.</summary>
    public static string PathFor(string logsRoot)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        return Path.Combine(logsRoot, Checkpoint.FileName);
    }

    /// <summary>Writes <c>{logs_root}/checkpoint.json</c> atomically: a crash leaves the old or the new checkpoint, never a torn one.</summary>
    public static Task SaveAsync(string logsRoot, Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(checkpoint, WriteOptions);
        return AtomicFile.WriteAllBytesAsync(PathFor(logsRoot), bytes, cancellationToken);
    }

    /// <summary>Reads <c>{logs_root}/checkpoint.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The run directory has no checkpoint.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint.</exception>
    public static async Task<Checkpoint> LoadAsync(string logsRoot, CancellationToken cancellationToken = default)
    {
        var path = PathFor(logsRoot);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"There is no checkpoint at '{path}': the run directory is wrong or the run never started.", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            JsonNode? root;
            try
            {
                root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"'{path}' is not valid JSON: {exception.Message}", exception);
            }

            if (root is not JsonObject json)
            {
                throw new InvalidDataException($"'{path}' is not a checkpoint: expected a JSON object.");
            }

            return FromJson(json, path);
        }
    }

    private static Checkpoint FromJson(JsonObject json, string path)
    {
        try
        {
            var context = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (json["context"] is JsonObject values)
            {
                foreach (var pair in values)
                {
                    context[pair.Key] = ToValue(pair.Value);
                }
            }

            return new Checkpoint
            {
                Timestamp = json["timestamp"]?.GetValue<DateTimeOffset>() ?? default,
                CurrentNode = json["current_node"]?.GetValue<string>() ?? string.Empty,
                CompletedNodes = json["completed_nodes"] is JsonArray completed ? [.. completed.Select(n => n?.GetValue<string>() ?? string.Empty)] : [],
                NodeRetries = json["node_retries"] is JsonObject retries
                    ? retries.ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<int>() ?? 0, StringComparer.Ordinal)
                    : new Dictionary<string, int>(StringComparer.Ordinal),
                Context = context,
                Logs = json["logs"] is JsonArray logs ? [.. logs.Select(n => n?.GetValue<string>() ?? string.Empty)] : [],
            };
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException)
        {
            throw new InvalidDataException($"'{path}' is not a valid checkpoint: {exception.Message}", exception);
        }
    }

    // Scalars come back as CLR values so conditions and handlers see what was stored; structures stay JSON.
    private static object? ToValue(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node?.DeepClone();
        }

        var element = value.GetValue<JsonElement>();
        // Each arm is cast: JsonNode's implicit conversions would otherwise make JsonNode the switch's type.
        object? result = element.ValueKind switch
        {
            JsonValueKind.String => (object?)element.GetString(),
            JsonValueKind.True => (object)true,
            JsonValueKind.False => (object)false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when element.TryGetInt32(out var small) => (object)small,
            JsonValueKind.Number when element.TryGetInt64(out var large) => (object)large,
            JsonValueKind.Number => (object)element.GetDouble(),
            _ => node.DeepClone(),
        };
        return result;
    }
}
