// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Backends;

/// <summary>How a backend's cancellation went, recorded on the <see cref="BackendCanceled"/> event.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CancelResult>))]
public enum CancelResult
{
    /// <summary>The backend's cancel succeeded (the work stopped).</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>There was nothing to cancel yet: no execution reference (no process, session or request).</summary>
    [JsonStringEnumMemberName("not_available")]
    NotAvailable,

    /// <summary>The backend's cancel failed; <see cref="BackendCanceled.CancelError"/> says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
