// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Backends.Harness;

/// <summary>One coding CLI's dialect: how to call it, how to read its stream and how its failures map to the taxonomy.</summary>
internal abstract class CodingCli
{
    private static readonly string[] TransportMarkers =
    [
        "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "Connection refused", "connection refused", "Connection error",
        "fetch failed", "socket hang up", "error sending request", "stream disconnected", "network error", "Network error",
    ];

    private static readonly string[] TimeoutMarkers = ["ETIMEDOUT", "timed out", "Request timed out", "timeout"];

    /// <summary>Gets the backend name (<c>claude-code</c>, <c>codex</c>, <c>gemini-cli</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Gets the product name for messages.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Gets the executable's file name.</summary>
    public abstract string ExecutableName { get; }

    /// <summary>Gets the npm package (with the verified version) that provides it.</summary>
    public abstract string Package { get; }

    /// <summary>Gets the provider the CLI talks to by default.</summary>
    public abstract string DefaultProvider { get; }

    /// <summary>Gets what the CLI's stream reports.</summary>
    public abstract BackendCapabilities Capabilities { get; }

    /// <summary>Creates a parser for one run.</summary>
    public abstract HarnessStreamParser CreateParser(HarnessTurn turn);

    /// <summary>Builds the command-line arguments (after the executable).</summary>
    public abstract IReadOnlyList<string> BuildArguments(HarnessInvocation invocation);

    /// <summary>Gets the message of a <c>config</c> failure for a CLI that is not installed.</summary>
    public string NotInstalledMessage(string searched) =>
        DisplayName + " ('" + ExecutableName + "') is not installed: install it with 'npm install -g " + Package
        + "' (or build/install-coding-clis.sh, which installs the verified versions into a cache folder), or set the executable path in the harness options. Searched: " + searched;

    /// <summary>
    /// Decides the attempt's failure from what the stream said, the exit code and the end of stderr; null when it
    /// succeeded (exit 0 and a reported end of turn without error).
    /// </summary>
    public BackendError? ClassifyFailure(HarnessTurn turn, int exitCode, string stderrTail)
    {
        if (turn.FailureMessage is { } reported)
        {
            return Classify(reported, turn.FailureStatus ?? StatusFromStderr(stderrTail));
        }

        if (exitCode == 0 && turn.Finished)
        {
            return null;
        }

        if (ExitCodeError(exitCode, Detail(turn, stderrTail)) is { } mapped)
        {
            return mapped;
        }

        var detail = Detail(turn, stderrTail);
        var message = exitCode == 0
            ? DisplayName + " ended without reporting a result"
            : DisplayName + " exited with code " + exitCode.ToString(CultureInfo.InvariantCulture);
        return Classify(detail.Length > 0 ? message + ": " + detail : message, StatusFromStderr(stderrTail));
    }

    /// <summary>Maps a CLI's documented exit code; null when the code has no documented meaning.</summary>
    protected virtual BackendError? ExitCodeError(int exitCode, string detail) => null;

    /// <summary>Finds a provider HTTP status the CLI printed on stderr, if it does.</summary>
    protected virtual int? StatusFromStderr(string stderrTail) => null;

    /// <summary>Classifies a failure message: by HTTP status when known, else by what it says.</summary>
    protected static BackendError Classify(string message, int? status)
    {
        if (status is { } code and >= 400 and <= 599)
        {
            return BackendError.FromStatus(code, message);
        }

        if (TransportMarkers.Any(marker => message.Contains(marker, StringComparison.Ordinal)))
        {
            return BackendError.Transport(message);
        }

        if (TimeoutMarkers.Any(marker => message.Contains(marker, StringComparison.OrdinalIgnoreCase)))
        {
            return BackendError.Timeout(message);
        }

        return BackendError.Unknown(message);
    }

    private static string Detail(HarnessTurn turn, string stderrTail)
    {
        var tail = stderrTail.Trim();
        return turn.LastErrorMessage is { } last ? (tail.Length > 0 ? last + "\n" + tail : last) : tail;
    }
}
