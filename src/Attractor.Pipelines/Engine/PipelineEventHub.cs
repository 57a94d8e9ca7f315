// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Threading.Channels;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines;

/// <summary>
/// Fans every event out, in one order, to <c>events.jsonl</c> in the run directory, the
/// <see cref="PipelineRunOptions.OnEvent"/> observer and (when someone streams) a channel.
/// </summary>
internal sealed class PipelineEventHub : IPipelineEventSink, IDisposable
{
    /// <summary>The event log's file name inside the run directory.</summary>
    public const string FileName = "events.jsonl";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Lock _gate = new();
    private readonly Action<PipelineEvent>? _observer;
    private readonly ChannelWriter<PipelineEvent>? _stream;
    private FileStream? _log;

    public PipelineEventHub(Action<PipelineEvent>? observer, ChannelWriter<PipelineEvent>? stream)
    {
        _observer = observer;
        _stream = stream;
    }

    /// <summary>Points the event log at a run directory: a fresh run starts a new log, a resume appends to it.</summary>
    public void OpenLog(string logsRoot, bool append)
    {
        lock (_gate)
        {
            _log?.Dispose();
            Directory.CreateDirectory(logsRoot);
            _log = new FileStream(Path.Combine(logsRoot, FileName), append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        }
    }

    public void Publish(PipelineEvent pipelineEvent)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);

        lock (_gate)
        {
            if (_log is not null)
            {
                var line = JsonSerializer.SerializeToUtf8Bytes(pipelineEvent, EngineJson.Compact);
                _log.Write(line);
                _log.Write(NewLine);

                // Flushed per event so a crashed run's log ends at its last event.
                _log.Flush();
            }

            try
            {
                _observer?.Invoke(pipelineEvent);
            }
            catch (Exception)
            {
                // An observer's bug must not fail the pipeline; the event is still in the log and stream.
            }

            _stream?.TryWrite(pipelineEvent);
        }
    }

    public void Complete(Exception? error = null)
    {
        lock (_gate)
        {
            _stream?.TryComplete(error);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
