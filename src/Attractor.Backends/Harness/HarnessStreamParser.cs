// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Backends.Harness;

/// <summary>
/// Turns a coding CLI's JSON-lines stream, one line at a time, into normalised events. Never throws for bad or
/// unknown input: a line that is not JSON, or an event type it does not know, becomes a <see cref="BackendNotice"/>.
/// </summary>
internal abstract class HarnessStreamParser
{
    protected HarnessStreamParser(HarnessTurn turn)
    {
        Turn = turn;
    }

    /// <summary>Gets the run's state.</summary>
    public HarnessTurn Turn { get; }

    /// <summary>Parses one line of the stream and adds the events it means to <paramref name="output"/>.</summary>
    /// <param name="line">The line (without its end).</param>
    /// <param name="output">Receives the events.</param>
    public void ParseLine(string line, List<BackendEvent> output)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            output.Add(new BackendNotice(Turn.Source, "text", line));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object ? Str(root, "type") : null;
            if (type is null)
            {
                output.Add(new BackendNotice(Turn.Source, "unknown", line));
                return;
            }

            try
            {
                if (!Parse(type, root, output))
                {
                    output.Add(new BackendNotice(Turn.Source, type, line));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
            {
                // A known type with an unexpected shape (a newer CLI): keep it, never crash the stage.
                output.Add(new BackendNotice(Turn.Source, type, line));
            }
        }
    }

    /// <summary>Parses a known event; returns false for a type this parser does not know.</summary>
    protected abstract bool Parse(string type, JsonElement root, List<BackendEvent> output);

    protected static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    protected static long? Long(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    protected static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    protected static JsonElement? Obj(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    protected static JsonElement? Arr(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    /// <summary>Gets a property's raw JSON text, or <c>{}</c>.</summary>
    protected static string Raw(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : "{}";
}
