// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Llm;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// A provider that answers at once from a prepared script, so a session's time is the loop's own: no network, no
/// serialization, no parsing. Optionally records, per call, when it was entered and left and the bytes allocated so
/// far (the gaps between calls are the loop's per-turn cost).
/// </summary>
public sealed class InstantAdapter(IReadOnlyList<Response> script, bool record) : IProviderAdapter
{
    private readonly long[] _entered = new long[script.Count];
    private readonly long[] _left = new long[script.Count];
    private readonly long[] _allocatedAtEntry = new long[script.Count];
    private readonly long[] _allocatedAtExit = new long[script.Count];
    private readonly int[] _messageCounts = new int[script.Count];
    private int _calls;

    public const string ProviderName = "instant";

    public string Name => ProviderName;

    /// <summary>Gets how many calls were answered since the last <see cref="Reset"/>.</summary>
    public int Calls => _calls;

    public void Reset() => _calls = 0;

    public Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        var entered = Stopwatch.GetTimestamp();
        var allocated = record ? GC.GetTotalAllocatedBytes(precise: true) : 0;
        var call = _calls++;
        if (call >= script.Count)
        {
            throw new InvalidOperationException($"The script has {script.Count} responses; call {call + 1} was not expected.");
        }

        if (record)
        {
            _entered[call] = entered;
            _allocatedAtEntry[call] = allocated;
            _messageCounts[call] = request.Messages.Count;
            _allocatedAtExit[call] = GC.GetTotalAllocatedBytes(precise: true);
            _left[call] = Stopwatch.GetTimestamp();
        }

        return Task.FromResult(script[call]);
    }

    public IAsyncEnumerable<StreamEvent> StreamAsync(Request request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The session benchmark uses CompleteAsync.");

    /// <summary>Gets the loop's cost between answering call <paramref name="call"/> and receiving the next call.</summary>
    public (TimeSpan Elapsed, long AllocatedBytes, int MessagesInNextRequest) Gap(int call) =>
        (Stopwatch.GetElapsedTime(_left[call], _entered[call + 1]), _allocatedAtEntry[call + 1] - _allocatedAtExit[call], _messageCounts[call + 1]);
}
