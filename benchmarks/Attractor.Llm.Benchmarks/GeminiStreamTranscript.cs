// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// A generated Gemini <c>streamGenerateContent?alt=sse</c> stream of about 2 MB in the documented wire format:
/// data-only events, each a whole <c>GenerateContentResponse</c> chunk (candidate, role, usage, model version,
/// response id) with a few words of text (escapes and non-ASCII text mixed in), a few thought chunks first, and a
/// last chunk with a function call, a thought signature and the finish reason.
/// </summary>
internal static class GeminiStreamTranscript
{
    private const string Tail = ""","role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":2048,"candidatesTokenCount":512,"totalTokenCount":2560},"modelVersion":"gemini-3-flash-preview","responseId":"q3fxaJ2oHNK5z7IP5bSJ0Qk"}""";

    private static readonly (string Text, int Events, int TextDeltas) Generated = Generate(2_000_000);

    /// <summary>Gets the transcript text.</summary>
    public static string Text => Generated.Text;

    /// <summary>Gets the UTF-8 size of the transcript.</summary>
    public static int Bytes { get; } = Encoding.UTF8.GetByteCount(Generated.Text);

    /// <summary>Gets the number of SSE events in the transcript.</summary>
    public static int Events => Generated.Events;

    /// <summary>Gets the number of text chunks.</summary>
    public static int TextDeltas => Generated.TextDeltas;

    private static (string Text, int Events, int TextDeltas) Generate(int targetBytes)
    {
        var random = new Random(42);
        var builder = new StringBuilder(targetBytes + 4096);
        var events = 0;
        var textDeltas = 0;
        void Add(string parts, string tail = Tail)
        {
            builder.Append("data: {\"candidates\":[{\"content\":{\"parts\":").Append(parts).Append(tail).Append("\r\n\r\n");
            events++;
        }

        for (var i = 0; i < 3; i++)
        {
            Add("""[{"text":"**Planning** the answer step by step.","thought":true}]""");
        }

        var words = new StringBuilder();
        while (builder.Length < targetBytes - 4096)
        {
            words.Clear();
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                words.Append(' ').Append(TranscriptWords.Words[random.Next(TranscriptWords.Words.Count)]);
            }

            Add("[{\"text\":" + JsonSerializer.Serialize(words.ToString()) + "}]");
            textDeltas++;
        }

        Add(
            """[{"functionCall":{"name":"get_weather","args":{"location":"San Francisco, CA","unit":"fahrenheit"}},"thoughtSignature":"EpYCCpMCAdHtim9sig1=="}]""",
            Tail.Replace("\"index\":0}", "\"finishReason\":\"STOP\",\"index\":0}", StringComparison.Ordinal));
        return (builder.ToString(), events, textDeltas);
    }
}
