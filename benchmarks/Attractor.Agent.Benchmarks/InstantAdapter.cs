// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Attractor.Llm;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// A provider that answers at once from a prepared script — a whole response, or the events of its stream — so a
/// session's time is the loop's own: no network, no serialization, no parsing. Optionally records, per call, when it
/// was made and the bytes allocated so far: the difference between consecutive calls is one turn of the loop.
/// </summary>
public sealed class InstantAdapter(IReadOnlyList<Response> script, IReadOnlyList<IReadOnlyList<StreamEvent>> streams, bool record) : IProviderAdapter
{
    private readonly long[] _entered = new long[script.Count];
    private readonly long[] _allocated = new long[script.Count];
    private readonly int[] _messageCounts = new int[script.Count];
    private int _calls;

    public const string ProviderName = "instant";

    public string Name => ProviderName;

    /// <summary>Gets how many calls were answered since the last <see cref="Reset"/>.</summary>
    public int Calls => _calls;

    public void Reset() => _calls = 0;

    public Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default) =>
        Task.FromResult(script[Enter(request)]);

    public IAsyncEnumerable<StreamEvent> StreamAsync(Request request, CancellationToken cancellationToken = default) =>
        Play(streams[Enter(request)], cancellationToken);

    /// <summary>Gets the loop's cost from call <paramref name="call"/> (0-based) to the next: its response handled, the tools run, the next request built.</summary>
    public (TimeSpan Elapsed, long AllocatedBytes, int MessagesInNextRequest) Turn(int call) =>
        (Stopwatch.GetElapsedTime(_entered[call], _entered[call + 1]), _allocated[call + 1] - _allocated[call], _messageCounts[call + 1]);

    private static async IAsyncEnumerable<StreamEvent> Play(IReadOnlyList<StreamEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private int Enter(Request request)
    {
        var call = _calls++;
        if (call >= script.Count)
        {
            throw new InvalidOperationException($"The script has {script.Count} responses; call {call + 1} was not expected.");
        }

        if (record)
        {
            _allocated[call] = GC.GetTotalAllocatedBytes(precise: true);
            _messageCounts[call] = request.Messages.Count;
            _entered[call] = Stopwatch.GetTimestamp();
        }

        return call;
    }
}
