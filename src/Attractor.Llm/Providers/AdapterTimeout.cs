// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The time limits an adapter applies to each HTTP exchange.</summary>
public sealed record AdapterTimeout
{
    /// <summary>Gets the defaults: connect 10 s, request 120 s, stream read 30 s.</summary>
    public static AdapterTimeout Default { get; } = new();

    /// <summary>Gets the time to establish the connection.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the time for a whole non-streaming exchange, or until a stream's response headers arrive.</summary>
    public TimeSpan Request { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Gets the longest silence allowed between two stream events.</summary>
    public TimeSpan StreamRead { get; init; } = TimeSpan.FromSeconds(30);
}
