// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

public sealed partial class LlmClient
{
    /// <summary>
    /// Creates a client from environment variables. Only providers whose key is present are registered; the
    /// first registered one is the default.
    /// </summary>
    /// <param name="environment">Reads a variable; null reads the process environment.</param>
    /// <returns>The client (possibly with no provider: requests then fail with a <see cref="ConfigurationException"/>).</returns>
    public static LlmClient FromEnv(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var adapters = new List<IProviderAdapter>();
        foreach (var factory in EnvironmentAdapterFactories)
        {
            if (factory(environment) is { } adapter)
            {
                adapters.Add(adapter);
            }
        }

        return new LlmClient(adapters, adapters.Count > 0 ? adapters[0].Name : null);
    }
}
