// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines;

/// <summary>
/// The run's thread-safe key-value store (attractor-spec §5.1). Values should be JSON-friendly:
/// strings, numbers, booleans, <see cref="JsonNode"/>s or lists of them, because checkpoints
/// serialize the context.
/// </summary>
public sealed class PipelineContext
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, object?> _values;
    private readonly List<string> _logs;

    // The keys in ordinal order for WriteJson, rebuilt when the key set changed (keys are never
    // removed, so a different count means a different set).
    private string[]? _sortedKeys;

    /// <summary>Initializes a new, empty instance of the <see cref="PipelineContext"/> class.</summary>
    public PipelineContext()
        : this(new Dictionary<string, object?>(StringComparer.Ordinal), [])
    {
    }

    private PipelineContext(Dictionary<string, object?> values, List<string> logs)
    {
        _values = values;
        _logs = logs;
    }

    /// <summary>Gets a copy of the run log.</summary>
    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_gate)
            {
                return [.. _logs];
            }
        }
    }

    /// <summary>Creates a context holding a copy of the values.</summary>
    public static PipelineContext FromValues(IEnumerable<KeyValuePair<string, object?>> values, IEnumerable<string>? logs = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in values)
        {
            copy[pair.Key] = DeepCopy(pair.Value);
        }

        return new PipelineContext(copy, logs is null ? [] : [.. logs]);
    }

    /// <summary>Sets a value.</summary>
    public void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _values[key] = value;
        }
    }

    /// <summary>Gets a value, or <paramref name="defaultValue"/> when absent.</summary>
    public object? Get(string key, object? defaultValue = null)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out var value) ? value : defaultValue;
        }
    }

    /// <summary>Looks a value up.</summary>
    public bool TryGetValue(string key, out object? value)
    {
        lock (_gate)
        {
            return _values.TryGetValue(key, out value);
        }
    }

    /// <summary>Gets a value as text (invariant culture; JSON for structured values), or the default.</summary>
    public string GetString(string key, string defaultValue = "") =>
        TryGetValue(key, out var value) && value is not null ? ToText(value) : defaultValue;

    /// <summary>Appends an entry to the run log.</summary>
    public void AppendLog(string entry)
    {
        lock (_gate)
        {
            _logs.Add(entry);
        }
    }

    /// <summary>Merges updates into the context; later keys win.</summary>
    public void ApplyUpdates(IEnumerable<KeyValuePair<string, object?>> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        lock (_gate)
        {
            foreach (var pair in updates)
            {
                _values[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>Returns a deep copy of the values, ordered by key for stable serialization.</summary>
    public IReadOnlyDictionary<string, object?> Snapshot()
    {
        lock (_gate)
        {
            var snapshot = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            foreach (var pair in _values)
            {
                snapshot[pair.Key] = DeepCopy(pair.Value);
            }

            return snapshot;
        }
    }

    /// <summary>Gets the number of run log entries.</summary>
    internal int LogCount
    {
        get
        {
            lock (_gate)
            {
                return _logs.Count;
            }
        }
    }

    /// <summary>Appends the run log entries from <paramref name="start"/> on to <paramref name="destination"/>, without copying the rest.</summary>
    internal void CopyLogs(int start, List<string> destination)
    {
        lock (_gate)
        {
            for (var i = start; i < _logs.Count; i++)
            {
                destination.Add(_logs[i]);
            }
        }
    }

    /// <summary>
    /// Writes the values as one JSON object ordered by key, as <see cref="Snapshot"/> would serialize,
    /// but without copying them: the checkpoint writes the context after every node.
    /// </summary>
    internal void WriteJson(Utf8JsonWriter writer, Action<Utf8JsonWriter, string, object?> writeValue)
    {
        lock (_gate)
        {
            var keys = _sortedKeys;
            if (keys is null || keys.Length != _values.Count)
            {
                keys = new string[_values.Count];
                _values.Keys.CopyTo(keys, 0);
                Array.Sort(keys, StringComparer.Ordinal);
                _sortedKeys = keys;
            }

            writer.WriteStartObject();
            foreach (var key in keys)
            {
                writer.WritePropertyName(key);
                writeValue(writer, key, _values[key]);
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Returns an isolated deep copy, e.g. for a parallel branch.</summary>
    public PipelineContext Clone()
    {
        lock (_gate)
        {
            var values = new Dictionary<string, object?>(_values.Count, StringComparer.Ordinal);
            foreach (var pair in _values)
            {
                values[pair.Key] = DeepCopy(pair.Value);
            }

            return new PipelineContext(values, [.. _logs]);
        }
    }

    /// <summary>Formats a context value the way conditions and prompts see it.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        JsonValue node when node.TryGetValue<string>(out var text) => text,
        JsonNode node => node.ToJsonString(),
        _ => JsonSerializer.Serialize(value, value.GetType()),
    };

    private static object? DeepCopy(object? value) => value switch
    {
        JsonNode node => node.DeepClone(),
        JsonElement element => element.Clone(),
        IList<object?> list => list.Select(DeepCopy).ToList(),
        IDictionary<string, object?> map => map.ToDictionary(pair => pair.Key, pair => DeepCopy(pair.Value), StringComparer.Ordinal),
        _ => value,
    };
}
