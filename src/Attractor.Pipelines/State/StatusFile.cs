// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines;

/// <summary>
/// Reads and writes a stage's <c>status.json</c> (attractor-spec Appendix C): <c>outcome</c> (lower-case wire
/// name), <c>preferred_label</c>, <c>suggested_next_ids</c>, <c>context_updates</c>, <c>notes</c> and the
/// extension field <c>failure_reason</c>.
/// </summary>
public static class StatusFile
{
    /// <summary>The file name inside a stage directory.</summary>
    public const string FileName = "status.json";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>Writes <paramref name="outcome"/> as <c>status.json</c> in the stage directory, atomically (temp file + rename).</summary>
    /// <param name="stageDirectory">The stage directory; created when missing.</param>
    /// <param name="outcome">The outcome to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteAsync(string stageDirectory, Outcome outcome, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stageDirectory);
        ArgumentNullException.ThrowIfNull(outcome);
        Directory.CreateDirectory(stageDirectory);

        var bytes = Serialize(outcome);
        var target = Path.Combine(stageDirectory, FileName);
        var temp = Path.Combine(stageDirectory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Synchronous: a few hundred bytes into the page cache (no fsync) take microseconds, less
            // than the thread-pool round trip of an asynchronous write, which the engine pays per node.
            cancellationToken.ThrowIfCancellationRequested();
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Reads <c>status.json</c> from the stage directory. Returns <see langword="null"/> when the file is absent;
    /// a malformed file yields a <see cref="StageStatus.Fail"/> outcome whose reason names the file and the error.
    /// </summary>
    /// <param name="stageDirectory">The stage directory.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The outcome, or <see langword="null"/> when there is no status file.</returns>
    public static async Task<Outcome?> TryReadAsync(string stageDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stageDirectory);
        var path = Path.Combine(stageDirectory, FileName);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException ex)
        {
            return Outcome.Fail($"Cannot read {path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return Outcome.Fail($"Cannot read {path}: {ex.Message}");
        }

        return Parse(bytes, path);
    }

    /// <summary>Serializes an outcome to the status.json shape (UTF-8, indented).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The UTF-8 JSON bytes.</returns>
    public static byte[] Serialize(Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", outcome.Status.ToWireName());
            writer.WriteString("preferred_label", outcome.PreferredLabel);
            writer.WriteStartArray("suggested_next_ids");
            foreach (var id in outcome.SuggestedNextIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("context_updates");
            foreach (var pair in outcome.ContextUpdates)
            {
                writer.WritePropertyName(pair.Key);
                WriteValue(writer, pair.Value);
            }

            writer.WriteEndObject();
            writer.WriteString("notes", outcome.Notes);
            if (outcome.FailureReason.Length > 0)
            {
                writer.WriteString("failure_reason", outcome.FailureReason);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Parses status.json content. Never throws for bad content: malformed JSON or a missing/unknown
    /// <c>outcome</c> yields a FAIL outcome naming <paramref name="sourceName"/> and the error.
    /// </summary>
    /// <param name="utf8Json">The file content.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <returns>The parsed outcome.</returns>
    public static Outcome Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Outcome.Fail($"Malformed {sourceName}: {ex.Message}");
        }

        if (root is not JsonObject obj)
        {
            return Outcome.Fail($"Malformed {sourceName}: expected a JSON object at the top level.");
        }

        try
        {
            return FromObject(obj, sourceName);
        }
        catch (InvalidOperationException ex)
        {
            return Outcome.Fail($"Malformed {sourceName}: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return Outcome.Fail($"Malformed {sourceName}: {ex.Message}");
        }
    }

    private static Outcome FromObject(JsonObject obj, string sourceName)
    {
        var outcomeText = obj["outcome"] is JsonValue outcomeValue && outcomeValue.TryGetValue<string>(out var text) ? text : null;
        if (outcomeText is null)
        {
            return Outcome.Fail($"Malformed {sourceName}: the required string field 'outcome' is missing.");
        }

        if (!StageStatusNames.TryParse(outcomeText, out var status))
        {
            return Outcome.Fail($"Malformed {sourceName}: unknown outcome '{outcomeText}' (expected success, partial_success, retry, fail or skipped).");
        }

        var suggested = new List<string>();
        if (obj["suggested_next_ids"] is JsonArray ids)
        {
            foreach (var id in ids)
            {
                if (id is JsonValue idValue && idValue.TryGetValue<string>(out var idText) && idText.Length > 0)
                {
                    suggested.Add(idText);
                }
            }
        }

        var updates = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (obj["context_updates"] is JsonObject map)
        {
            foreach (var pair in map)
            {
                updates[pair.Key] = ToClrValue(pair.Value);
            }
        }

        return new Outcome(status)
        {
            PreferredLabel = ReadString(obj, "preferred_label"),
            SuggestedNextIds = suggested,
            ContextUpdates = updates,
            Notes = ReadString(obj, "notes"),
            FailureReason = ReadString(obj, "failure_reason"),
        };
    }

    private static string ReadString(JsonObject obj, string name) => obj[name] switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonNode node => node.ToJsonString(),
    };

    private static object? ToClrValue(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        object? result = node.DeepClone();
        if (node is JsonValue value && value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    result = element.GetString();
                    break;
                case JsonValueKind.True:
                    result = true;
                    break;
                case JsonValueKind.False:
                    result = false;
                    break;
                case JsonValueKind.Null:
                    result = null;
                    break;
                case JsonValueKind.Number:
                    result = element.TryGetInt64(out var integer) ? (object)integer : element.GetDouble();
                    break;
            }
        }

        return result;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    writer.WriteNumberValue(real);
                }
                else
                {
                    writer.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var pair in map)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(PipelineContext.ToText(value));
                break;
        }
    }

    /// <summary>Gets the status.json path of a stage directory.</summary>
    /// <param name="stageDirectory">The stage directory.</param>
    /// <returns>The full file path.</returns>
    public static string PathIn(string stageDirectory) => Path.Combine(stageDirectory, FileName);
}
