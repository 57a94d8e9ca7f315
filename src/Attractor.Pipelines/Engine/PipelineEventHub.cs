// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Buffers;
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

    private readonly Lock _gate = new();

    // One event line is encoded into this reused buffer (under the gate) and written with one call.
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly Action<PipelineEvent>? _observer;
    private readonly ChannelWriter<PipelineEvent>? _stream;
    private FileStream? _log;

    public PipelineEventHub(Action<PipelineEvent>? observer, ChannelWriter<PipelineEvent>? stream)
    {
        _observer = observer;
        _stream = stream;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = EngineJson.Compact.Encoder, Indented = false });
    }

    /// <summary>Points the event log at a run directory: a fresh run starts a new log, a resume appends to it.</summary>
    public void OpenLog(string logsRoot, bool append)
    {
        lock (_gate)
        {
            _log?.Dispose();
            Directory.CreateDirectory(logsRoot);
            // Unbuffered: every event line goes to the OS in one write as soon as it is published.
            _log = new FileStream(Path.Combine(logsRoot, FileName), append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
    }

    public void Publish(PipelineEvent pipelineEvent)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);

        lock (_gate)
        {
            if (_log is not null)
            {
                _line.ResetWrittenCount();
                _json.Reset(_line);
                JsonSerializer.Serialize(_json, pipelineEvent, EngineJson.Compact);
                _json.Flush();
                _line.Write("\n"u8);

                // One unbuffered write per event, so a crashed run's log ends at its last event.
                _log.Write(_line.WrittenSpan);
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
            _json.Dispose();
        }
    }
}
