// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>
/// One decoded Responses stream event. Deltas carry only their text and output index (read straight from the
/// UTF-8 bytes, no document); structural events carry their parsed <see cref="Document"/>.
/// </summary>
/// <param name="Kind">What the event is.</param>
/// <param name="Delta">The delta text of delta events.</param>
/// <param name="OutputIndex">The output item the event belongs to, or -1.</param>
/// <param name="Document">The whole event, for structural and unknown events; the consumer disposes it.</param>
/// <param name="Type">The event type, for unknown events.</param>
internal readonly record struct ResponsesStreamChunk(ResponsesEventKind Kind, string? Delta, int OutputIndex, JsonDocument? Document, string? Type);
