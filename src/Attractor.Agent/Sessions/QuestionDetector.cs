// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// Decides whether a text-only answer asks the user something (spec §2.3: PROCESSING → AWAITING_INPUT when the model
/// asks the user a question). The spec leaves the test open; a final paragraph ending in a question mark is the signal
/// the reference agents' UIs use to wait for an answer.
/// </summary>
internal static class QuestionDetector
{
    /// <summary>Tells whether the text ends with a question to the user.</summary>
    /// <param name="text">The assistant's final text.</param>
    /// <returns>True when the last non-blank character, ignoring closing quotes, brackets and markdown emphasis, is a question mark.</returns>
    public static bool AsksUser(string text)
    {
        var trimmed = text.AsSpan().TrimEnd().TrimEnd("*_`\"')]»”’".AsSpan()).TrimEnd();
        return trimmed.Length > 0 && (trimmed[^1] == '?' || trimmed[^1] == '？');
    }
}
