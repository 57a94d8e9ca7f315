// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>How much a coding CLI may do in the workspace (node attribute <c>permission_mode</c>).</summary>
internal enum HarnessPermission
{
    /// <summary>Read files only: no edits, no commands.</summary>
    ReadOnly,

    /// <summary>Edit files in the workspace (the default); commands only as the CLI's sandbox or allow-list permits.</summary>
    Edit,

    /// <summary>Everything, without asking: only for externally sandboxed workspaces.</summary>
    Full,
}
