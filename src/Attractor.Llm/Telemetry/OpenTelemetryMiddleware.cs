// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Attractor.Llm;

/// <summary>
/// Emits a span per call through the <see cref="ActivitySource"/> <c>Attractor.Llm</c> and the
/// <c>gen_ai.client.*</c> histograms through the <see cref="Meter"/> <c>Attractor.Llm</c>, following the
/// OpenTelemetry GenAI semantic conventions (<c>gen_ai.provider.name</c>, 1.37 and later). Register it with
/// OpenTelemetry through <c>AddSource("Attractor.Llm")</c> and <c>AddMeter("Attractor.Llm")</c>.
/// </summary>
/// <remarks>
/// Spans are named <c>chat {model}</c> (kind client). A streaming span starts when the stream is enumerated and ends
/// at the finish event, an error, or when the consumer disposes the stream; the time to the first event after
/// <see cref="StreamEventType.StreamStart"/> is recorded as <c>gen_ai.client.operation.time_to_first_chunk</c> and
/// the span attribute <c>gen_ai.response.time_to_first_chunk</c>. Message contents are never recorded unless
/// <see cref="EnableSensitiveData"/> is set.
/// </remarks>
public sealed class OpenTelemetryMiddleware : ILlmMiddleware
{
    /// <summary>The name of the activity source and the meter: <c>Attractor.Llm</c>.</summary>
    public const string SourceName = LlmInstruments.Name;

    private readonly LlmInstruments instruments;

    /// <summary>Initializes the middleware.</summary>
    /// <param name="meterFactory">Creates the meter (dependency injection); null uses a process-wide meter.</param>
    public OpenTelemetryMiddleware(IMeterFactory? meterFactory = null) =>
        instruments = meterFactory is null ? LlmInstruments.Shared : LlmInstruments.Create(meterFactory);

    /// <summary>
    /// Gets a value indicating whether message contents (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>)
    /// and provider error messages are recorded on spans. Off by default: contents may be personal or secret.
    /// </summary>
    public bool EnableSensitiveData { get; init; }

    /// <summary>Gets the provider reported for requests that name none (the client's default provider).</summary>
    public string? DefaultProvider { get; init; }

    /// <inheritdoc/>
    public async Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        using var call = new LlmCallTelemetry(instruments, request, DefaultProvider, EnableSensitiveData);
        try
        {
            var response = await next(request, cancellationToken).ConfigureAwait(false);
            call.Succeeded(response, null, null);
            return response;
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        using var call = new LlmCallTelemetry(instruments, request, DefaultProvider, EnableSensitiveData);
        IAsyncEnumerator<StreamEvent> events;
        try
        {
            events = next(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }

        await using (events.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    call.Failed(ex);
                    throw;
                }

                var streamEvent = events.Current;
                Observe(call, streamEvent);
                yield return streamEvent;
            }
        }
    }

    private static void Observe(LlmCallTelemetry call, StreamEvent streamEvent)
    {
        if (streamEvent.Type != StreamEventType.StreamStart)
        {
            call.FirstChunk();
        }

        if (streamEvent.Type == StreamEventType.Finish)
        {
            call.Succeeded(streamEvent.Response, streamEvent.Usage, streamEvent.FinishReason);
        }
        else if (streamEvent.Type == StreamEventType.Error)
        {
            call.Failed(streamEvent.Error ?? new StreamException("The stream reported an error."));
        }
    }
}
