// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Human;

/// <summary>A console stand-in whose reads block until a line is supplied, like a silent human.</summary>
internal sealed class BlockingReader : TextReader
{
    private readonly SemaphoreSlim _available = new(0);
    private readonly Queue<string?> _lines = new();
    private readonly Lock _gate = new();

    public void Supply(string? line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
        }

        _available.Release();
    }

    public override string? ReadLine()
    {
        _available.Wait();
        lock (_gate)
        {
            return _lines.Dequeue();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _available.Dispose();
        }

        base.Dispose(disposing);
    }
}
