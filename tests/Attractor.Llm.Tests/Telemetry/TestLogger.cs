// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace Attractor.Llm.Tests.Telemetry;

/// <summary>An <see cref="ILogger"/> that keeps every entry, with its structured state, for assertions.</summary>
internal sealed class TestLogger(LogLevel minimum = LogLevel.Trace) : ILogger
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>Gets everything the entries expose: messages, state values and exception texts.</summary>
    public string AllText => string.Join("\n", Entries.Select(e =>
        e.Message + " | " + string.Join(", ", e.State.Select(kv => kv.Key + "=" + kv.Value)) + " | " + e.Exception));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        lock (gate)
        {
            entries.Add(new Entry(logLevel, eventId, formatter(state, exception), [.. values], exception));
        }
    }

    internal sealed record Entry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception);
}
