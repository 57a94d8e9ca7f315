// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The git state captured at session start (spec §6.4).</summary>
/// <param name="Root">The repository's top-level directory.</param>
/// <param name="Branch">The current branch; empty when HEAD is detached.</param>
/// <param name="ModifiedFiles">The number of changed tracked files.</param>
/// <param name="UntrackedFiles">The number of untracked files.</param>
/// <param name="RecentCommits">The last commits, newest first, as one-line summaries.</param>
public sealed record GitSnapshot(string Root, string Branch, int ModifiedFiles, int UntrackedFiles, IReadOnlyList<string> RecentCommits);
