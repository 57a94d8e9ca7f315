// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Benchmarks;

/// <summary>The vocabulary of the generated stream transcripts: plain words mixed with JSON escapes and non-ASCII text.</summary>
internal static class TranscriptWords
{
    /// <summary>Gets the words.</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "the", "pipeline", "runs", "each", "node", "in", "order,", "and", "a", "failing", "step", "retries", "with",
        "backoff;", "résumé", "naïve", "café", "\"quoted\"", "tab\there", "line\nbreak", "日本語", "emoji 🙂", "caches", "prompt",
    ];
}
