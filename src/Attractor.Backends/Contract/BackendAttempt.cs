// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>Facts about the attempt a request belongs to.</summary>
internal static class BackendAttempt
{
    /// <summary>The 1-based attempt number of the request's node, from the engine's retry counter (§5.1).</summary>
    public static int Of(CodergenRequest request)
    {
        // The engine's retry counter (NodeExecutor.RetryCountKey, internal to Attractor.Pipelines): retries so far.
        var retries = request.Context.Get("internal.retry_count." + request.Node.Id);
        return int.TryParse(PipelineContext.ToText(retries), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count > 0 ? count + 1 : 1;
    }

    /// <summary>A local reference for work that has no remote ID (an HTTP request in flight).</summary>
    public static string NewReference(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
