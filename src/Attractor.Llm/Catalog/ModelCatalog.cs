// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Attractor.Llm;

/// <summary>
/// The known models, newest first within each provider. Advisory: unknown model ids are still sent to providers.
/// The built-in list is the embedded <c>models.json</c>; a file named by the <c>ATTRACTOR_LLM_MODELS</c>
/// environment variable replaces it, and <see cref="Default"/> can be set to a catalog from <see cref="Load"/>.
/// </summary>
public sealed class ModelCatalog
{
    /// <summary>The environment variable that names a catalog file to use instead of the built-in one.</summary>
    public const string EnvironmentVariable = "ATTRACTOR_LLM_MODELS";

    // Declared before BuiltIn: static initializers run in textual order.
    private static readonly JsonSerializerOptions FileOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lock DefaultLock = new();
    private static ModelCatalog? defaultCatalog;

    private readonly IReadOnlyList<ModelInfo> models;
    private readonly Dictionary<string, ModelInfo> byName;

    /// <summary>Initializes a catalog from models listed newest first within each provider.</summary>
    /// <param name="models">The models.</param>
    /// <exception cref="ArgumentException">An id or alias repeats.</exception>
    public ModelCatalog(IEnumerable<ModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        this.models = [.. models];
        byName = new Dictionary<string, ModelInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in this.models)
        {
            foreach (var name in model.Aliases.Prepend(model.Id))
            {
                if (!byName.TryAdd(name, model))
                {
                    throw new ArgumentException($"The model name '{name}' appears twice in the catalog.", nameof(models));
                }
            }
        }
    }

    /// <summary>
    /// Gets or sets the catalog the library uses (for example to pick a model when none is given). Loaded on
    /// first use from <see cref="EnvironmentVariable"/>'s file if set, else from the built-in list.
    /// </summary>
    public static ModelCatalog Default
    {
        get
        {
            lock (DefaultLock)
            {
                return defaultCatalog ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path ? Load(path) : BuiltIn;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (DefaultLock)
            {
                defaultCatalog = value;
            }
        }
    }

    /// <summary>Gets the catalog shipped with the library.</summary>
    public static ModelCatalog BuiltIn { get; } = LoadBuiltIn();

    /// <summary>Gets every model, newest first within each provider.</summary>
    public IReadOnlyList<ModelInfo> Models => models;

    /// <summary>Reads a catalog file (the format of the built-in <c>models.json</c>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read or is not a valid catalog.</exception>
    public static ModelCatalog Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, path);
        }
        catch (IOException error)
        {
            throw new ConfigurationException($"The model catalog '{path}' cannot be read: {error.Message}", error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new ConfigurationException($"The model catalog '{path}' cannot be read: {error.Message}", error);
        }
    }

    /// <summary>Parses a catalog: <c>{"models": [ModelInfo...]}</c>, newest first within each provider.</summary>
    /// <param name="json">The catalog JSON.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ConfigurationException">The JSON is not a valid catalog.</exception>
    public static ModelCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Parse(stream, "(string)");
    }

    /// <summary>Finds a model by id or alias (case-insensitive).</summary>
    /// <param name="modelIdOrAlias">The id or alias.</param>
    /// <returns>The model, or null when unknown.</returns>
    public ModelInfo? GetModelInfo(string modelIdOrAlias)
    {
        ArgumentNullException.ThrowIfNull(modelIdOrAlias);
        return byName.GetValueOrDefault(modelIdOrAlias);
    }

    /// <summary>Lists the models, optionally of one provider, newest first within each provider.</summary>
    /// <param name="provider">The provider; null lists all.</param>
    /// <returns>The models.</returns>
    public IReadOnlyList<ModelInfo> ListModels(string? provider = null) =>
        provider is null ? models : [.. models.Where(m => string.Equals(m.Provider, provider, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Returns the newest model of a provider, optionally with a capability.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="capability"><c>tools</c>, <c>vision</c> or <c>reasoning</c>; null for any.</param>
    /// <returns>The model, or null when the provider has none (with that capability).</returns>
    public ModelInfo? GetLatestModel(string provider, string? capability = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return ListModels(provider).FirstOrDefault(m => capability is null || m.Supports(capability));
    }

    private static ModelCatalog LoadBuiltIn()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("Attractor.Llm.Catalog.models.json")
            ?? throw new InvalidOperationException("The built-in model catalog resource is missing.");
        return Parse(stream, "models.json");
    }

    private static ModelCatalog Parse(Stream stream, string source)
    {
        try
        {
            var file = JsonSerializer.Deserialize<CatalogFile>(stream, FileOptions);
            if (file?.Models is not { } entries)
            {
                throw new ConfigurationException($"The model catalog {source} has no \"models\" array.");
            }

            return new ModelCatalog(entries);
        }
        catch (JsonException error)
        {
            throw new ConfigurationException($"The model catalog {source} is not valid: {error.Message}", error);
        }
        catch (ArgumentException error)
        {
            throw new ConfigurationException($"The model catalog {source} is not valid: {error.Message}", error);
        }
    }

    private sealed record CatalogFile([property: JsonPropertyName("models")] IReadOnlyList<ModelInfo>? Models);
}
