// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

public sealed partial class LlmClient
{
    // One factory per provider, in default-provider order (the spec's table order); each returns null when its
    // key is absent, so only configured providers are registered.
    private static readonly Func<Func<string, string?>, IProviderAdapter?>[] EnvironmentAdapterFactories =
    [
        OpenAIAdapter.FromEnvironment,
        AnthropicAdapter.FromEnvironment,
        GeminiAdapter.FromEnvironment,
    ];
}
