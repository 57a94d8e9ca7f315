// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The per-stream state machine behind <see cref="OpenAIStreaming.ReadAsync"/>.</summary>
/// <typeparam name="TChunk">What the SSE parser produces per event.</typeparam>
internal interface IOpenAIStreamDecoder<TChunk>
{
    /// <summary>Gets whether a terminal event arrived (reading stops).</summary>
    bool Finished { get; }

    /// <summary>Gets the error a terminal error event reported.</summary>
    LlmException? Failure { get; }

    /// <summary>Processes one chunk, appending the unified events it produces.</summary>
    void Process(in TChunk chunk, List<StreamEvent> output);

    /// <summary>Handles a clean end of the connection before a terminal event: finish with what arrived, or return the error.</summary>
    LlmException? EndOfStream(List<StreamEvent> output);
}
