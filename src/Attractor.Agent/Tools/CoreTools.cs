// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The shared core tools every provider profile starts from (spec §3.3), with the spec's names, parameters and output formats.</summary>
public static class CoreTools
{
    /// <summary>Creates read_file: <c>file_path</c>, <c>offset</c> (1-based), <c>limit</c> (default 2000); returns <c>NNN | line</c> lines.</summary>
    /// <returns>The tool.</returns>
    public static AgentTool ReadFile() => ReadFileTool.Create();

    /// <summary>Creates write_file: <c>file_path</c>, <c>content</c>; creates parent directories and reports the bytes written.</summary>
    /// <returns>The tool.</returns>
    public static AgentTool WriteFile() => WriteFileTool.Create();

    /// <summary>Creates edit_file: <c>file_path</c>, <c>old_string</c>, <c>new_string</c>, <c>replace_all</c>; exact match, unique unless replace_all.</summary>
    /// <returns>The tool.</returns>
    public static AgentTool EditFile() => EditFileTool.Create();

    /// <summary>Creates shell: <c>command</c>, <c>timeout_ms</c>, <c>description</c>; reports output, exit code and duration, and is an error on a non-zero exit or timeout.</summary>
    /// <param name="options">Timeouts, or null for the spec's defaults (10 s, at most 10 min).</param>
    /// <returns>The tool.</returns>
    public static AgentTool Shell(ShellToolOptions? options = null) => ShellTool.Create(options ?? new ShellToolOptions());

    /// <summary>Creates grep: <c>pattern</c>, <c>path</c>, <c>glob_filter</c>, <c>case_insensitive</c>, <c>max_results</c> (default 100); <c>path:line:text</c> per match.</summary>
    /// <returns>The tool.</returns>
    public static AgentTool Grep() => GrepTool.Create();

    /// <summary>Creates glob: <c>pattern</c>, <c>path</c>; one path per line, most recently modified first.</summary>
    /// <returns>The tool.</returns>
    public static AgentTool Glob() => GlobTool.Create();

    /// <summary>Creates all six core tools, in the order of spec §3.3.</summary>
    /// <param name="shellOptions">The shell tool's timeouts, or null for the defaults.</param>
    /// <returns>read_file, write_file, edit_file, shell, grep and glob.</returns>
    public static IReadOnlyList<AgentTool> All(ShellToolOptions? shellOptions = null) =>
        [ReadFile(), WriteFile(), EditFile(), Shell(shellOptions), Grep(), Glob()];
}
