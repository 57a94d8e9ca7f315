// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <content>The ASSISTANT_TEXT_START / _DELTA / _END events of one model call.</content>
public sealed partial class Session
{
    /// <summary>Emits the text events of one model call: START before the first delta, END with the recorded turn.</summary>
    private sealed class AssistantTextEvents(Session session)
    {
        private int _started;

        /// <summary>Gets a value indicating whether text reached the host (a retry would then repeat it).</summary>
        public bool Started => Volatile.Read(ref _started) != 0;

        public void Delta(string delta)
        {
            Start();
            session.Emit(SessionEventKind.AssistantTextDelta, ("delta", delta));
        }

        public void End(AssistantTurn turn, bool emitWhenEmpty)
        {
            if (!Started)
            {
                // A response that only calls tools produced no text; text events for it would be empty noise.
                if (turn.Content.Length == 0 && !emitWhenEmpty)
                {
                    return;
                }

                // Nothing was streamed (non-streaming mode, or the text came only with the final response): one delta
                // with the whole text keeps "concatenated deltas == text" true for hosts that print deltas.
                if (turn.Content.Length > 0)
                {
                    Delta(turn.Content);
                }
                else
                {
                    Start();
                }
            }

            session.Emit(SessionEventKind.AssistantTextEnd, ("text", turn.Content), ("reasoning", turn.Reasoning));
        }

        private void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                session.Emit(SessionEventKind.AssistantTextStart);
            }
        }
    }
}
