// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The outcome of a command run by <see cref="IExecutionEnvironment.ExecCommandAsync(string, TimeSpan, string?, IReadOnlyDictionary{string, string}?, CancellationToken)"/>.</summary>
/// <param name="Stdout">What the command wrote to standard output (up to termination when it timed out).</param>
/// <param name="Stderr">What the command wrote to standard error.</param>
/// <param name="ExitCode">The exit code; on Unix a command ended by a signal reports 128 + the signal number.</param>
/// <param name="TimedOut">Whether the command ran past its timeout and was terminated.</param>
/// <param name="Duration">The wall-clock time from start to exit.</param>
public sealed record ExecResult(string Stdout, string Stderr, int ExitCode, bool TimedOut, TimeSpan Duration);
