// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Pipelines;

/// <summary>
/// How often a node is attempted and how long the engine waits in between (attractor-spec §3.5,
/// §3.6). Both RETRY and FAIL outcomes, and handler exceptions, are retried while attempts remain
/// (DoD §11.5).
/// </summary>
/// <param name="MaxAttempts">Total executions, at least 1 (1 means no retries).</param>
/// <param name="Backoff">The delay between attempts.</param>
public sealed record RetryPolicy(int MaxAttempts, BackoffConfig Backoff)
{
    /// <summary>The node attribute that selects a preset by name, e.g. <c>retry_policy=patient</c>.</summary>
    public const string AttributeName = "retry_policy";

    /// <summary>Gets the preset <c>none</c>: one attempt.</summary>
    public static RetryPolicy None { get; } = new(1, BackoffConfig.Default);

    /// <summary>Gets the preset <c>standard</c>: 5 attempts, 200 ms doubling.</summary>
    public static RetryPolicy Standard { get; } = new(5, BackoffConfig.Default);

    /// <summary>Gets the preset <c>aggressive</c>: 5 attempts, 500 ms doubling.</summary>
    public static RetryPolicy Aggressive { get; } = new(5, BackoffConfig.Default with { InitialDelay = TimeSpan.FromMilliseconds(500) });

    /// <summary>Gets the preset <c>linear</c>: 3 attempts, a constant 500 ms.</summary>
    public static RetryPolicy Linear { get; } = new(3, BackoffConfig.Default with { InitialDelay = TimeSpan.FromMilliseconds(500), Factor = 1.0 });

    /// <summary>Gets the preset <c>patient</c>: 3 attempts, 2 s tripling.</summary>
    public static RetryPolicy Patient { get; } = new(3, BackoffConfig.Default with { InitialDelay = TimeSpan.FromSeconds(2), Factor = 3.0 });

    /// <summary>Gets the presets of §3.6 by name.</summary>
    public static IReadOnlyDictionary<string, RetryPolicy> Presets { get; } = new Dictionary<string, RetryPolicy>(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = None,
        ["standard"] = Standard,
        ["aggressive"] = Aggressive,
        ["linear"] = Linear,
        ["patient"] = Patient,
    };

    /// <summary>Gets the number of retries after the first attempt.</summary>
    public int MaxRetries => Math.Max(MaxAttempts, 1) - 1;

    /// <summary>
    /// Builds a node's policy: the <c>retry_policy</c> preset when set (unknown names are ignored),
    /// then <c>max_retries</c> when set, else the preset's attempts, else the graph's
    /// <c>default_max_retries</c>; the backoff is the preset's or the spec default.
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="graph">The graph, for <c>default_max_retries</c>.</param>
    /// <param name="defaultBackoff">The backoff used when no preset is named; null means <see cref="BackoffConfig.Default"/>.</param>
    public static RetryPolicy ForNode(PipelineNode node, PipelineGraph graph, BackoffConfig? defaultBackoff = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(graph);
        var presetName = node.Attributes.GetString(AttributeName);
        Presets.TryGetValue(presetName?.Trim() ?? string.Empty, out var preset);
        var backoff = preset?.Backoff ?? defaultBackoff ?? BackoffConfig.Default;
        var attempts = node.MaxRetries is { } retries ? retries + 1
            : preset?.MaxAttempts ?? graph.DefaultMaxRetries + 1;
        return new RetryPolicy(Math.Max(attempts, 1), backoff);
    }
}
