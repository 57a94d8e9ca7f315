// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// A running structured-output stream (<see cref="Llm.StreamObjectAsync"/>): enumerate it (once) for partial
/// objects that grow as tokens arrive, then await <see cref="ObjectAsync"/> for the complete, validated object.
/// Partial objects are not validated (required members may still be missing).
/// </summary>
public sealed class ObjectStreamResult : IAsyncEnumerable<JsonElement>
{
    private readonly StreamResult stream;
    private readonly JsonElement schema;
    private readonly TaskCompletionSource<JsonElement> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int started;

    internal ObjectStreamResult(StreamResult stream, JsonElement schema)
    {
        this.stream = stream;
        this.schema = schema;
    }

    /// <summary>Gets the underlying event stream's state (partial response, steps).</summary>
    public StreamResult Events => stream;

    /// <summary>Returns the complete object, consuming the stream if nobody enumerates it.</summary>
    /// <param name="cancellationToken">Stops waiting (and cancels the stream when this call consumes it).</param>
    /// <returns>The parsed, validated object.</returns>
    /// <exception cref="NoObjectGeneratedException">The output is not JSON or does not match the schema.</exception>
    public async Task<JsonElement> ObjectAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref started) == 0)
        {
            try
            {
                await foreach (var _ in TaskAsyncEnumerableExtensions.WithCancellation(this, cancellationToken).ConfigureAwait(false))
                {
                }
            }
            catch (InvalidOperationException) when (Volatile.Read(ref started) != 0 && !completion.Task.IsFaulted)
            {
                // Someone else is enumerating; wait for them.
            }
        }

        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerator<JsonElement> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("An object stream can be enumerated only once; use ObjectAsync for the result.");
        }

        return EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<JsonElement> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        string? last = null;
        var completed = false;
        try
        {
            await using var events = TaskAsyncEnumerableExtensions.WithCancellation(stream, cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception error)
                {
                    completion.TrySetException(error);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                var item = events.Current;
                if (item.Type == StreamEventType.StepFinish)
                {
                    // Only the last step's text is the object; earlier steps were tool rounds.
                    text.Clear();
                    last = null;
                }

                if (item.Type != StreamEventType.TextDelta || string.IsNullOrEmpty(item.Delta))
                {
                    continue;
                }

                text.Append(item.Delta);
                if (PartialJson.TryParse(text.ToString(), out var partial) && partial is not null)
                {
                    var json = partial.ToJsonString();
                    if (!string.Equals(json, last, StringComparison.Ordinal))
                    {
                        last = json;
                        yield return ToElement(partial);
                    }
                }
            }

            var response = await stream.ResponseAsync(cancellationToken).ConfigureAwait(false);
            JsonElement final;
            try
            {
                final = StructuredOutput.Parse(response.Text, schema, response);
            }
            catch (NoObjectGeneratedException error)
            {
                completion.TrySetException(error);
                throw;
            }

            completed = true;
            completion.TrySetResult(final);
        }
        finally
        {
            if (!completed)
            {
                completion.TrySetException(new InvalidOperationException("The object stream was closed before it finished."));
            }
        }
    }

    private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node);
}
