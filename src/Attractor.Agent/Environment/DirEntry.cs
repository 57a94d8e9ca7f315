// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>An entry of a directory listing.</summary>
/// <param name="Name">The path relative to the listed directory, with <c>/</c> separators.</param>
/// <param name="IsDirectory">Whether the entry is a directory.</param>
/// <param name="Size">The file size in bytes, or null for directories.</param>
public sealed record DirEntry(string Name, bool IsDirectory, long? Size);
