// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
using System.Text.Json;

namespace Attractor.Pipelines;

/// <summary>
/// Writes the engine's <c>checkpoint.json</c> after every node (attractor-spec §5.3) with the same
/// bytes <see cref="CheckpointStore.SaveAsync"/> would write for the same state, and the same
/// atomic protocol (temp file, fsync, rename; see <see cref="AtomicFile.WriteAllBytes"/>).
/// </summary>
/// <remarks>
/// A checkpoint holds every completed node and every log entry so far, so building it from scratch
/// makes node N cost O(N): the old path copied both lists, deep-copied the context into a sorted
/// dictionary and re-encoded everything per node. This writer keeps the already encoded part of
/// <c>completed_nodes</c> and <c>logs</c> (both only grow during a run) and encodes only the new
/// entries; the context is written straight from the live values under its lock. What still grows
/// with N is copying those bytes into the file, which a full checkpoint per node requires.
/// One instance per run; not thread-safe (the engine loop saves one checkpoint at a time).
/// </remarks>
internal sealed class CheckpointWriter
{
    // Long strings are encoded once per value instance: typical large context values (LLM responses,
    // tool output) are set once and then written unchanged after every later node.
    private const int CachedStringLength = 256;

    private static readonly JsonSerializerOptions ValueOptions = new() { WriteIndented = true };

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly EncodedStringArray _completed = new();
    private readonly EncodedStringArray _logs = new();
    private readonly List<string> _newLogs = [];
    private readonly Dictionary<string, (string Value, JsonEncodedText Encoded)> _strings = new(StringComparer.Ordinal);
    private readonly Action<Utf8JsonWriter, string, object?> _writeValue;
    private string? _logsRoot;
    private string _path = string.Empty;
    private string _directory = string.Empty;

    public CheckpointWriter()
    {
        _writeValue = WriteValue;
    }

    /// <summary>Writes <c>{logs_root}/checkpoint.json</c> atomically and durably (the call returns after the fsync and the rename).</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="timestamp">The checkpoint's time.</param>
    /// <param name="currentNode">The last completed node, or empty.</param>
    /// <param name="completedNodes">The completed nodes in order; only appended to, or replaced (restart, resume).</param>
    /// <param name="nodeRetries">The retry counters.</param>
    /// <param name="context">The run context, whose log is only appended to.</param>
    public void Save(string logsRoot, DateTimeOffset timestamp, string currentNode, List<string> completedNodes, Dictionary<string, int> nodeRetries, PipelineContext context)
    {
        if (!string.Equals(logsRoot, _logsRoot, StringComparison.Ordinal))
        {
            _path = Path.GetFullPath(CheckpointStore.PathFor(logsRoot));
            _directory = Path.GetDirectoryName(_path) ?? throw new ArgumentException("The run directory has no parent.", nameof(logsRoot));
            _logsRoot = logsRoot;
        }

        Write(timestamp, currentNode, completedNodes, nodeRetries, context);
        AtomicFile.WriteAllBytes(_path, _directory, _buffer.WrittenSpan);
    }

    /// <summary>Returns the bytes <see cref="Save"/> would write, for tests.</summary>
    internal byte[] Serialize(DateTimeOffset timestamp, string currentNode, List<string> completedNodes, Dictionary<string, int> nodeRetries, PipelineContext context)
    {
        Write(timestamp, currentNode, completedNodes, nodeRetries, context);
        return _buffer.WrittenSpan.ToArray();
    }

    // Property order and formatting as JsonSerializer writes a Checkpoint (declaration order, indented).
    private void Write(DateTimeOffset timestamp, string currentNode, List<string> completedNodes, Dictionary<string, int> nodeRetries, PipelineContext context)
    {
        // A writer per checkpoint (a small object): the buffer it fills is the part worth reusing.
        _buffer.ResetWrittenCount();
        using var json = new Utf8JsonWriter(_buffer, WriterOptions);
        json.WriteStartObject();
        json.WriteString("timestamp", timestamp);
        json.WriteString("current_node", currentNode);

        _completed.Update(completedNodes, completedNodes.Count, CopyCompleted, _newLogs);
        json.WritePropertyName("completed_nodes");
        json.WriteRawValue(_completed.Render(), skipInputValidation: true);

        json.WritePropertyName("node_retries");
        json.WriteStartObject();
        if (nodeRetries.Count > 0)
        {
            var keys = new string[nodeRetries.Count];
            nodeRetries.Keys.CopyTo(keys, 0);
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                json.WriteNumber(key, nodeRetries[key]);
            }
        }

        json.WriteEndObject();

        json.WritePropertyName("context");
        context.WriteJson(json, _writeValue);

        _logs.Update(context, context.LogCount, static (source, from, into) => ((PipelineContext)source).CopyLogs(from, into), _newLogs);
        json.WritePropertyName("logs");
        json.WriteRawValue(_logs.Render(), skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
    }

    private static void CopyCompleted(object source, int from, List<string> into)
    {
        var list = (List<string>)source;
        for (var i = from; i < list.Count; i++)
        {
            into.Add(list[i]);
        }
    }

    // The value converters JsonSerializer would pick for an object-typed value, with fast paths for the common scalars.
    private void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string { Length: >= CachedStringLength } text:
                if (!_strings.TryGetValue(key, out var cached) || !ReferenceEquals(cached.Value, text))
                {
                    cached = (text, JsonEncodedText.Encode(text));
                    _strings[key] = cached;
                }

                writer.WriteStringValue(cached.Encoded);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), ValueOptions);
                break;
        }
    }

    /// <summary>
    /// A JSON array of strings at depth 1 of an indented document, encoded incrementally: the bytes
    /// of entries already seen are kept, new entries are appended.
    /// </summary>
    private sealed class EncodedStringArray
    {
        private static readonly byte[] Empty = "[]"u8.ToArray();
        private static readonly byte[] Separator = ",\n    \""u8.ToArray();
        private static readonly byte[] Close = "\n  ]"u8.ToArray();

        private byte[] _bytes = new byte[4096];
        private int _length;
        private object? _source;
        private int _count;
        private string? _last;

        /// <summary>Brings the encoding up to date with <paramref name="source"/>, which has <paramref name="count"/> entries.</summary>
        /// <param name="source">The list (or context) the entries come from; another instance starts over.</param>
        /// <param name="count">Its entry count now.</param>
        /// <param name="copyFrom">Copies the source's entries from an index on into a list.</param>
        /// <param name="scratch">A reusable list for those entries.</param>
        public void Update(object source, int count, Action<object, int, List<string>> copyFrom, List<string> scratch)
        {
            // Appended to since last time? Otherwise (a new list, a shorter one, or a different entry
            // where the last encoded one was) encode everything again.
            var from = _count;
            scratch.Clear();
            if (ReferenceEquals(source, _source) && count >= _count && _count > 0)
            {
                copyFrom(source, _count - 1, scratch);
                if (scratch.Count == 0 || !ReferenceEquals(scratch[0], _last))
                {
                    from = 0;
                }
                else
                {
                    scratch.RemoveAt(0);
                }
            }
            else
            {
                from = 0;
            }

            if (from == 0)
            {
                scratch.Clear();
                copyFrom(source, 0, scratch);
                _length = 1;
                _bytes[0] = (byte)'[';
                _count = 0;
                _source = source;
            }

            foreach (var entry in scratch)
            {
                var encoded = JsonEncodedText.Encode(entry).EncodedUtf8Bytes;

                // The first entry follows "[" without a comma: skip the separator's first byte.
                Append(_count == 0 ? Separator.AsSpan(1) : Separator);
                Append(encoded);
                Append("\""u8);
                _count++;
                _last = entry;
            }

            scratch.Clear();
        }

        /// <summary>Gets the array's bytes, closed.</summary>
        public ReadOnlySpan<byte> Render()
        {
            if (_count == 0)
            {
                return Empty;
            }

            // The closing bracket goes after the entries without becoming part of them.
            Reserve(Close.Length);
            Close.CopyTo(_bytes.AsSpan(_length));
            return _bytes.AsSpan(0, _length + Close.Length);
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(_bytes.AsSpan(_length));
            _length += bytes.Length;
        }

        private void Reserve(int extra)
        {
            if (_length + extra > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
            }
        }
    }
}
