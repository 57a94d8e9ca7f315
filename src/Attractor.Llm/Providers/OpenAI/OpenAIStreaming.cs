// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Attractor.Llm;

/// <summary>
/// The read loop both OpenAI adapters share: events in order, and every failure (a broken connection, an error
/// event, a stream that ends too early) yielded as an <see cref="StreamEventType.Error"/> event and then thrown, so
/// event consumers and exception handlers both see it.
/// </summary>
internal static class OpenAIStreaming
{
    public static async IAsyncEnumerable<StreamEvent> ReadAsync<TChunk>(
        ProviderEventStream stream,
        System.Net.ServerSentEvents.SseItemParser<TChunk> parser,
        IOpenAIStreamDecoder<TChunk> decoder,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = new List<StreamEvent>(4);
        var items = stream.ReadAsync(parser, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (!decoder.Finished)
            {
                LlmException? broken = null;
                bool more;
                try
                {
                    more = await items.MoveNextAsync().ConfigureAwait(false);
                }
                catch (LlmException ex)
                {
                    broken = ex;
                    more = false;
                }

                if (broken is not null)
                {
                    yield return new StreamEvent(StreamEventType.Error) { Error = broken };
                    ExceptionDispatchInfo.Throw(broken);
                }

                if (!more)
                {
                    break;
                }

                decoder.Process(items.Current.Data, events);
                foreach (var item in events)
                {
                    yield return item;
                }

                events.Clear();
            }
        }

        if (decoder.Failure is { } failure)
        {
            throw failure;
        }

        if (!decoder.Finished)
        {
            var error = decoder.EndOfStream(events);
            foreach (var item in events)
            {
                yield return item;
            }

            if (error is not null)
            {
                yield return new StreamEvent(StreamEventType.Error) { Error = error };
                throw error;
            }
        }
    }
}
