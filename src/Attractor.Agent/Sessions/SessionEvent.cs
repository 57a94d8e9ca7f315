// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Something a session did, delivered through <see cref="Session.Events"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="SessionId">The session's id.</param>
/// <param name="Data">Kind-specific values, keyed as documented on <see cref="SessionEventKind"/>.</param>
public sealed record SessionEvent(SessionEventKind Kind, DateTimeOffset Timestamp, string SessionId, IReadOnlyDictionary<string, object?> Data)
{
    /// <summary>Gets a data value as a string, or null when absent.</summary>
    /// <param name="key">The data key.</param>
    /// <returns>The value's string form, or null.</returns>
    public string? GetString(string key) => Data.TryGetValue(key, out var value) ? value?.ToString() : null;
}
