// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>The process exit codes of every <c>attractor</c> command (documented in <c>docs/cli.md</c>).</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded; warnings may have been reported.</summary>
    public const int Success = 0;

    /// <summary>At least one pipeline has an error-severity diagnostic.</summary>
    public const int ValidationFailed = 1;

    /// <summary>The command line was wrong, or an input could not be found or read.</summary>
    public const int UsageError = 2;

    /// <summary>A bug in attractor itself; standard error holds the details to report.</summary>
    public const int InternalError = 3;
}
