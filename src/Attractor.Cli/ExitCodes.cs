// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>The process exit codes of every <c>attractor</c> command (documented in <c>docs/cli.md</c>).</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded: valid pipelines, or a run whose outcome is success. Warnings may have been reported.</summary>
    public const int Success = 0;

    /// <summary><c>validate</c>: at least one pipeline has an error-severity diagnostic.</summary>
    public const int ValidationFailed = 1;

    /// <summary><c>run</c>/<c>resume</c>: the pipeline ran and its outcome is a failure.</summary>
    public const int PipelineFailed = 1;

    /// <summary><c>agent</c>: the session ended with a provider error, or at its turn limit before the task was done.</summary>
    public const int AgentFailed = 1;

    /// <summary>
    /// The command line was wrong, an input could not be found or read, a pipeline to run is invalid, or a
    /// run needed an answer the command line did not give (answers ran out, no terminal for a human gate).
    /// </summary>
    public const int UsageError = 2;

    /// <summary>The configuration is incomplete: an LLM provider's API key is not set (the message names the variable).</summary>
    public const int ConfigurationError = 2;

    /// <summary>A bug in attractor itself; standard error holds the details to report.</summary>
    public const int InternalError = 3;

    /// <summary>The run was interrupted (Ctrl+C, SIGTERM): 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;
}
