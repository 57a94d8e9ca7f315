// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using Attractor.Agent;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends;

/// <summary>
/// The pipeline stage a session is working on: where its tool calls are hooked and logged and where its events go
/// (<c>agent-events.jsonl</c> in the stage directory and the backend's callback).
/// </summary>
internal sealed class AgentStage
{
    /// <summary>The JSON-lines file of the session's events in the stage directory.</summary>
    public const string EventsFileName = "agent-events.jsonl";

    /// <summary>Longer strings in an event (e.g. a tool's full output) are cut in the events file; the callback gets them whole.</summary>
    private const int MaxValueLength = 20_000;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Action<AgentStageEvent>? _onEvent;
    private readonly ToolCallJournal _journal;
    private readonly string _runId;
    private readonly Action<SessionEvent>? _lifecycle;
    private readonly Dictionary<string, string?> _arguments = new(StringComparer.Ordinal);

    public AgentStage(string nodeId, string stageDirectory, ToolHooks hooks, Action<AgentStageEvent>? onEvent, ToolCallJournal journal, string runId, Action<SessionEvent>? lifecycle = null)
    {
        NodeId = nodeId;
        StageDirectory = stageDirectory;
        Hooks = hooks;
        _onEvent = onEvent;
        _journal = journal;
        _runId = runId;
        _lifecycle = lifecycle;
    }

    public string NodeId { get; }

    public string StageDirectory { get; }

    public ToolHooks Hooks { get; }

    /// <summary>Records one event; a failing callback or an unwritable file never stops the session.</summary>
    public async Task RecordAsync(SessionEvent sessionEvent)
    {
        Journal(sessionEvent);

        // The backend's normalised event stream (never throws: it only writes to a channel).
        _lifecycle?.Invoke(sessionEvent);
        try
        {
            // Deltas repeat what the END events carry whole; the file keeps one line per step, the callback gets everything.
            if (sessionEvent.Kind is not (SessionEventKind.AssistantTextDelta or SessionEventKind.ToolCallOutputDelta))
            {
                Directory.CreateDirectory(StageDirectory);
                await File.AppendAllTextAsync(Path.Combine(StageDirectory, EventsFileName), Serialize(sessionEvent) + "\n", Utf8NoBom, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The events file is a log; losing a line must not fail the stage.
        }
        catch (UnauthorizedAccessException)
        {
        }

        if (_onEvent is { } onEvent)
        {
            try
            {
                onEvent(new AgentStageEvent(NodeId, StageDirectory, sessionEvent));
            }
#pragma warning disable CA1031 // An observer's bug must not stop the agent.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Called by the single event pump only, so the argument map needs no lock.</summary>
    private void Journal(SessionEvent sessionEvent)
    {
        var callId = sessionEvent.GetString("call_id") ?? string.Empty;
        if (sessionEvent.Kind == SessionEventKind.ToolCallStart)
        {
            _arguments[callId] = sessionEvent.GetString("arguments");
        }
        else if (sessionEvent.Kind == SessionEventKind.ToolCallEnd)
        {
            _arguments.Remove(callId, out var arguments);
            var isError = sessionEvent.Data.TryGetValue("is_error", out var flag) && flag is true;
            _journal.Add(_runId, NodeId, sessionEvent.GetString("tool_name") ?? "?", arguments, isError);
        }
    }

    private static string Serialize(SessionEvent sessionEvent)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", sessionEvent.Kind.ToString());
            writer.WriteString("timestamp", sessionEvent.Timestamp);
            writer.WriteString("session_id", sessionEvent.SessionId);
            writer.WriteStartObject("data");
            foreach (var (key, value) in sessionEvent.Data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                switch (value)
                {
                    case null:
                        writer.WriteNull(key);
                        break;
                    case bool flag:
                        writer.WriteBoolean(key, flag);
                        break;
                    case int number:
                        writer.WriteNumber(key, number);
                        break;
                    case long number:
                        writer.WriteNumber(key, number);
                        break;
                    default:
                        var text = value.ToString() ?? string.Empty;
                        writer.WriteString(key, text.Length > MaxValueLength ? CodergenHandler.Truncate(text, MaxValueLength) + "\n[truncated: " + text.Length + " characters]" : text);
                        break;
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
