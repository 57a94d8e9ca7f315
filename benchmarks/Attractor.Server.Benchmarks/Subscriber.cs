// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;

namespace Attractor.Server.Benchmarks;

/// <summary>
/// One SSE subscriber: reads a run's stream, and for every live engine event records how long after the engine
/// stamped it (its <c>timestamp</c>) the event arrived here. Replayed history is not counted.
/// </summary>
internal sealed class Subscriber(HttpClient http, string runId)
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<double> LatenciesMs { get; } = [];

    /// <summary>Gets a task that completes when the connect-time snapshot has arrived.</summary>
    public Task Connected => _connected.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"pipelines/{runId}/events");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long snapshotId = -1;
        string? eventName = null;
        string? id = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var received = DateTimeOffset.UtcNow;
                using var json = JsonDocument.Parse(line.AsMemory(6));
                if (eventName == "status" && snapshotId < 0)
                {
                    snapshotId = json.RootElement.GetProperty("last_event_id").GetInt64();
                    _connected.TrySetResult();
                }
                else if (id is not null && snapshotId >= 0 && long.Parse(id, CultureInfo.InvariantCulture) > snapshotId)
                {
                    var stamped = json.RootElement.GetProperty("timestamp").GetDateTimeOffset();
                    LatenciesMs.Add((received - stamped).TotalMilliseconds);
                    var type = json.RootElement.GetProperty("type").GetString();
                    if (type is "pipeline_completed" or "pipeline_failed")
                    {
                        return;
                    }
                }
            }
            else if (line.Length == 0)
            {
                eventName = null;
                id = null;
            }
        }
    }
}
