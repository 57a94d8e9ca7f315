// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Backends;

/// <summary>The error taxonomy every backend failure is sorted into (issue 7).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackendErrorCategory>))]
public enum BackendErrorCategory
{
    /// <summary>The backend cannot run as configured (CLI not installed, bad option, untrusted workspace): never retried.</summary>
    [JsonStringEnumMemberName("config")]
    Config,

    /// <summary>The provider refused the credentials (HTTP 401/403): never retried.</summary>
    [JsonStringEnumMemberName("auth")]
    Auth,

    /// <summary>The provider or the backend timed out (HTTP 408): retried.</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>The provider answered with an error status: 409/425/429/5xx retried, other 4xx not.</summary>
    [JsonStringEnumMemberName("provider")]
    Provider,

    /// <summary>The provider could not be reached or the connection broke: retried.</summary>
    [JsonStringEnumMemberName("transport")]
    Transport,

    /// <summary>The work was canceled: never retried.</summary>
    [JsonStringEnumMemberName("canceled")]
    Canceled,

    /// <summary>Anything else: never retried.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
