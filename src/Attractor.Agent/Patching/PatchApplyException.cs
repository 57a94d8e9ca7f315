// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>
/// A well-formed patch does not fit the files: a hunk's context was not found, a file to update or
/// delete is missing, a file to add already exists, or the file system refused a write.
/// </summary>
public sealed class PatchApplyException : PatchException
{
    /// <summary>Initializes the error.</summary>
    /// <param name="path">The file the failing operation names.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public PatchApplyException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>Initializes the error without a message.</summary>
    public PatchApplyException()
    {
        Path = string.Empty;
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    public PatchApplyException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Initializes the error.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying exception.</param>
    public PatchApplyException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
    }

    /// <summary>Gets the path (as written in the patch) of the file the failing operation names.</summary>
    public string Path { get; }
}
