// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Configuration;

/// <summary>Turns an <c>.editorconfig</c> additional file into plain values for the generator's cache.</summary>
internal static class EditorConfigReader
{
    /// <summary>
    /// Reads the file, or returns null when it has nothing to say about ATR severities or cannot be read.
    /// Never throws (except for cancellation): a broken <c>.editorconfig</c> is ignored, as the compiler
    /// ignores what it cannot read, rather than failing the build.
    /// </summary>
    public static EditorConfigFile? Read(AdditionalText file, CancellationToken cancellationToken)
    {
        try
        {
            var text = file.GetText(cancellationToken)?.ToString();
            return text is null ? null : EditorConfigParser.Parse(file.Path, text);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return null;
        }
    }
}
