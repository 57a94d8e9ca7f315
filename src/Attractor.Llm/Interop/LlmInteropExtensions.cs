// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace Attractor.Llm;

/// <summary>Conversions between <see cref="LlmClient"/> and Microsoft.Extensions.AI's <see cref="IChatClient"/>.</summary>
public static class LlmInteropExtensions
{
    /// <summary>Exposes the client as an <see cref="IChatClient"/> (see <see cref="LlmChatClient"/>).</summary>
    /// <param name="client">The client.</param>
    /// <param name="defaultModel">The model when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="provider">The provider to route to; null uses the client's default provider.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AsIChatClient(this LlmClient client, string? defaultModel = null, string? provider = null) =>
        new LlmChatClient(client, defaultModel, provider);

    /// <summary>Wraps a chat client as a provider adapter named <paramref name="name"/> (see <see cref="ChatClientAdapter"/>).</summary>
    /// <param name="chatClient">The chat client.</param>
    /// <param name="name">The provider name requests route by.</param>
    /// <returns>The adapter.</returns>
    public static IProviderAdapter AsProviderAdapter(this IChatClient chatClient, string name) => new ChatClientAdapter(name, chatClient);
}
