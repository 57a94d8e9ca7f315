// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Attractor.Llm.Tests.Interop;

/// <summary>An <see cref="IChatClient"/> that answers from a script and records what it was sent.</summary>
internal sealed class FakeChatClient : IChatClient
{
    private readonly Queue<Func<ChatResponse>> responses = new();
    private readonly Queue<IReadOnlyList<ChatResponseUpdate>> streams = new();

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    /// <summary>Gets or sets an error the stream throws after its scripted updates.</summary>
    public Exception? StreamFailure { get; set; }

    public FakeChatClient Respond(ChatResponse response)
    {
        responses.Enqueue(() => response);
        return this;
    }

    public FakeChatClient Fail(Exception error)
    {
        responses.Enqueue(() => throw error);
        return this;
    }

    public FakeChatClient Stream(params ChatResponseUpdate[] updates)
    {
        streams.Enqueue(updates);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(([.. messages], options));
        return Task.FromResult(responses.Dequeue()());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(([.. messages], options));
        foreach (var update in streams.Dequeue())
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return update;
        }

        if (StreamFailure is { } failure)
        {
            throw failure;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
