// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

public sealed partial class LlmClient
{
    // One factory per provider, in default-provider order; each returns null when its key is absent.
    // Each adapter contributes its own factory here when it is added.
    private static readonly Func<Func<string, string?>, IProviderAdapter?>[] EnvironmentAdapterFactories = [];
}
