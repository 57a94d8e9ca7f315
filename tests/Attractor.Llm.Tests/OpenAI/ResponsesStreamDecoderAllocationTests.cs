// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class ResponsesStreamDecoderAllocationTests
{
    [Fact]
    public void A_text_delta_allocates_its_string_and_its_event_and_nothing_that_grows_with_the_stream()
    {
        const int Deltas = 20_000;
        var payloads = new byte[64][];
        for (var i = 0; i < payloads.Length; i++)
        {
            payloads[i] = Encoding.UTF8.GetBytes($$"""{"type":"response.output_text.delta","sequence_number":{{i + 10}},"item_id":"msg_67c9fdcf37fc8190ba82116e33fb28c507b8b0ad4e5eb654","output_index":0,"content_index":0,"delta":" tok{{i % 10}}","logprobs":[],"obfuscation":"AbCdEfGhIj"}""");
        }

        using var decoder = new ResponsesStreamDecoder("openai", new SecretRedactor([]), [], null);
        var events = new List<StreamEvent>(4);
        var added = Encoding.UTF8.GetBytes("""{"type":"response.output_item.added","output_index":0,"item":{"id":"msg_1","type":"message","role":"assistant","content":[]}}""");
        decoder.Process(ResponsesStreamDecoder.Parse("response.output_item.added", added), events);
        for (var i = 0; i < 200; i++)
        {
            decoder.Process(ResponsesStreamDecoder.Parse("response.output_text.delta", payloads[i % payloads.Length]), events);
            events.Clear();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Deltas; i++)
        {
            decoder.Process(ResponsesStreamDecoder.Parse("response.output_text.delta", payloads[i % payloads.Length]), events);
            events.Clear();
        }

        var perDelta = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Deltas;

        // One StreamEvent (~130 B on x64) and one short delta string (~30 B); no document, no buffer copy.
        Assert.InRange(perDelta, 100, 256);
    }
}
