// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>
/// The history as the model sees it, kept in step with the session's turns: each turn becomes request messages once,
/// when it is recorded, and its characters are added to a running total for the context check. Rebuilding both from
/// the whole history before every call made a turn's cost grow with the session (a 200-call session re-serialized
/// every earlier tool output 199 times).
/// </summary>
/// <remarks>Not thread-safe: the session calls it under its own lock.</remarks>
internal sealed class RequestHistory
{
    private readonly List<Message> _messages;

    /// <summary>Initializes a new instance of the <see cref="RequestHistory"/> class.</summary>
    /// <param name="systemPrompt">The system prompt, the first message of every request.</param>
    public RequestHistory(string systemPrompt)
    {
        _messages = [Message.System(systemPrompt)];
        Characters = systemPrompt.Length;
    }

    /// <summary>Gets the characters of the system prompt and every turn's text, reasoning, tool arguments and (truncated) tool output.</summary>
    public long Characters { get; private set; }

    /// <summary>Gets the number of assistant turns (model calls) recorded.</summary>
    public int ModelCalls { get; private set; }

    /// <summary>Records a turn.</summary>
    /// <param name="turn">The turn.</param>
    public void Add(Turn turn)
    {
        switch (turn)
        {
            case UserTurn user:
                _messages.Add(Message.User(user.Content));
                Characters += user.Content.Length;
                break;
            case SteeringTurn steering:
                _messages.Add(Message.User(steering.Content));
                Characters += steering.Content.Length;
                break;
            case SystemTurn system:
                _messages.Add(Message.System(system.Content));
                Characters += system.Content.Length;
                break;
            case AssistantTurn assistant:
                _messages.Add(assistant.Message);
                Characters += AssistantCharacters(assistant.Message);
                ModelCalls++;
                break;
            case ToolResultsTurn results:
                foreach (var result in results.Results)
                {
                    _messages.Add(Message.ToolResult(ToolResultData.FromText(result.ToolCallId, result.Output, result.IsError)));
                    Characters += result.Output.Length;
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Gets the messages of the next request: the system prompt, then every turn's messages in order.</summary>
    /// <returns>A copy, so later turns do not change a request already handed out.</returns>
    public IReadOnlyList<Message> Messages() => [.. _messages];

    // Text, reasoning and tool-call arguments as the model produced them (no parsing of the arguments).
    private static long AssistantCharacters(Message message)
    {
        long characters = 0;
        foreach (var part in message.Content)
        {
            if (part.Kind == ContentKind.Text && part.Text is { } text)
            {
                characters += text.Length;
            }

            if (part.Thinking is { } thinking)
            {
                characters += thinking.Text.Length;
            }

            if (part.ToolCall is { } call)
            {
                characters += call.Arguments.Length;
            }
        }

        return characters;
    }
}
