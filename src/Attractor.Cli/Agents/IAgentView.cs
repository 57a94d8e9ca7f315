// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;

namespace Attractor.Cli.Agents;

/// <summary>How <c>attractor agent</c> shows a session's events: plain lines when redirected, a terminal rendering otherwise.</summary>
internal interface IAgentView
{
    /// <summary>Shows one event, in the order the session emitted them.</summary>
    Task ShowAsync(SessionEvent sessionEvent, CancellationToken cancellationToken);

    /// <summary>Writes anything still held back (a partial line of streamed text).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
