// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Backends.Harness;

/// <summary>Copies a CLI's stderr to a file while keeping its last characters for failure messages.</summary>
internal sealed class StderrTail
{
    private readonly int _capacity;
    private readonly StringBuilder _tail = new();
    private readonly Lock _gate = new();

    public StderrTail(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Gets the last characters read so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _tail.ToString();
            }
        }
    }

    /// <summary>Reads until the end of the stream; never throws (stderr is diagnostics only).</summary>
    public async Task DrainAsync(StreamReader reader, string logPath)
    {
        try
        {
            var log = new StreamWriter(logPath, append: false, new UTF8Encoding(false));
            await using (log.ConfigureAwait(false))
            {
                var buffer = new char[4096];
                int read;
                while ((read = await reader.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
                {
                    await log.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
                    lock (_gate)
                    {
                        _tail.Append(buffer, 0, read);
                        if (_tail.Length > _capacity)
                        {
                            _tail.Remove(0, _tail.Length - _capacity);
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // The process went away or the stage directory is unwritable: the tail so far is all there is.
        }
    }
}
