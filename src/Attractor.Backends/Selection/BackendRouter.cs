// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Dot;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// Runs each codergen request on the backend its node selects. The name comes from, highest first:
/// the node's <c>llm_backend</c> (written on the node, in a default block, or set by the model
/// stylesheet), the graph's <c>llm_backend</c>, then the run's default (CLI <c>--backend</c>, MSBuild
/// <c>PipelineBackend</c>, <c>PipelineRunOptions</c>). Backends are created on first use, so a run
/// needs credentials only for the backends its nodes actually use; <c>simulate</c> answers without
/// any backend.
/// </summary>
/// <remarks>
/// A name that is not a backend, or a backend that cannot be created (no API key, CLI not
/// installed), fails the stage with a <see cref="BackendErrorCategory.Config"/> error, which the
/// engine does not retry. Thread-safe: parallel branches share one router.
/// </remarks>
public sealed class BackendRouter : ICodergenBackend, IAsyncDisposable
{
    private readonly Func<string, ICodergenBackend?> _create;
    private readonly ConcurrentDictionary<string, Lazy<ICodergenBackend?>> _backends = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="BackendRouter"/> class.</summary>
    /// <param name="defaultName">The backend for nodes and graphs that name none.</param>
    /// <param name="create">
    /// Creates a backend by name, once per name: null for <c>simulate</c>; throws for names it does
    /// not know and for backends that cannot run here (the message says what to do).
    /// </param>
    /// <param name="telemetry">Where every attempt's events are observed (metrics, activities, <c>backend-events.jsonl</c>); null uses <see cref="BackendTelemetry.Shared"/>.</param>
    public BackendRouter(string defaultName, Func<string, ICodergenBackend?> create, BackendTelemetry? telemetry = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultName);
        ArgumentNullException.ThrowIfNull(create);
        DefaultName = defaultName;
        _create = create;
        Telemetry = telemetry ?? BackendTelemetry.Shared;
    }

    /// <summary>Gets where the attempts are observed; metrics, activities and the records of every attempt.</summary>
    public BackendTelemetry Telemetry { get; }

    /// <summary>Gets a callback receiving every backend event of every attempt, after it was recorded (progress display, live timelines); its exceptions propagate.</summary>
    public Action<BackendEvent>? OnEvent { get; init; }

    /// <summary>Gets the backend for nodes and graphs that name none.</summary>
    public string DefaultName { get; }

    /// <summary>Returns the backend name a request runs on, and where that choice was made.</summary>
    /// <param name="request">The request.</param>
    /// <param name="defaultName">The run's backend.</param>
    /// <returns>The name and its source: <c>node</c>, <c>stylesheet</c>, <c>graph</c> or <c>run</c>.</returns>
    public static (string Name, string Source) Select(CodergenRequest request, string defaultName)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attribute = request.Node.Attributes.Get(AttributeNames.LlmBackend);
        if (attribute is not null && attribute.Value.Length > 0)
        {
            return (attribute.Value, attribute.Origin == AttributeOrigin.Stylesheet ? "stylesheet" : "node");
        }

        var graphName = request.Graph?.LlmBackend;
        return string.IsNullOrEmpty(graphName) ? (defaultName, "run") : (graphName, "graph");
    }

    /// <inheritdoc />
    public async Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (name, source) = Select(request, DefaultName);
        ICodergenBackend backend;
        try
        {
            backend = Resolve(name, source, request.Node.Id) ?? SimulateBackend.Instance;
        }
        catch (BackendException ex)
        {
            // A backend that cannot run still gets its attempt on record: started, then the config failure.
            using var observer = Telemetry.BeginAttempt(request, OnEvent, cancellationToken);
            var attempt = new BackendEventSource(name, request.Node.Id, BackendAttempt.Of(request));
            observer.OnEvent(new BackendStarted(attempt));
            observer.OnEvent(new BackendFailed(attempt, ex.Error, BackendUsage.None));
            throw;
        }

        // Every backend of this library streams the contract's events; a custom plain ICodergenBackend runs unobserved.
        return backend is IPipelineBackend pipelineBackend
            ? await PipelineBackendRunner.RunAsync(pipelineBackend, request, OnEvent, Telemetry, cancellationToken).ConfigureAwait(false)
            : await backend.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes an already created backend the one for <paramref name="name"/> (e.g. the run's default, created early to
    /// report a missing key before the run starts). The router owns it from now on and disposes it.
    /// </summary>
    /// <param name="name">The backend name nodes select it by.</param>
    /// <param name="backend">The backend; null means simulate.</param>
    public void Use(string name, ICodergenBackend? backend)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var created = new Lazy<ICodergenBackend?>(backend);
        _backends[name] = created;
    }

    /// <summary>Disposes the backends this router created or was given.</summary>
    /// <returns>A task that completes when they are disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _backends.Values)
        {
            if (!entry.IsValueCreated)
            {
                continue;
            }

            ICodergenBackend? backend;
            try
            {
                backend = entry.Value;
            }
#pragma warning disable CA1031 // A backend that failed to be created has nothing to dispose.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }

            await PipelineBackends.DisposeAsync(backend).ConfigureAwait(false);
        }

        _backends.Clear();
    }

    private ICodergenBackend? Resolve(string name, string source, string nodeId)
    {
        if (name == BackendNames.Simulate)
        {
            return SimulateBackend.Instance;
        }

        var lazy = _backends.GetOrAdd(name, key => new Lazy<ICodergenBackend?>(() => _create(key), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (BackendException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The factory's message says what to do (set a key, install a CLI); say where the name came from.
            throw new BackendException(BackendError.Config(
                "Node " + Quote(nodeId) + " runs on backend " + Quote(name) + " (" + SourceText(source) + "), which cannot run: " + ex.Message));
        }
    }

    private static string SourceText(string source) => source switch
    {
        "node" => "llm_backend on the node",
        "stylesheet" => "llm_backend from the model stylesheet",
        "graph" => "llm_backend on the graph",
        _ => "the run's backend",
    };

    private static string Quote(string text) => "'" + text + "'";
}
