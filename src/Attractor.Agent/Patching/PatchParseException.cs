// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>The patch text is not a well-formed v4a patch.</summary>
public sealed class PatchParseException : PatchException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="lineNumber">The 1-based line of the patch where parsing failed.</param>
    /// <param name="detail">What was expected there and what was found.</param>
    public PatchParseException(int lineNumber, string detail)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Invalid patch at line {lineNumber}: {detail}"))
    {
        LineNumber = lineNumber;
        Detail = detail;
    }

    /// <summary>Initializes the error without a message.</summary>
    public PatchParseException()
    {
        Detail = string.Empty;
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public PatchParseException(string message)
        : base(message)
    {
        Detail = message;
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public PatchParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    /// <summary>Gets the 1-based line of the patch where parsing failed (0 when unknown).</summary>
    public int LineNumber { get; }

    /// <summary>Gets what was expected and what was found, without the line prefix.</summary>
    public string Detail { get; }
}
