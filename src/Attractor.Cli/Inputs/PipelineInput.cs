// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Inputs;

/// <summary>One pipeline file to process.</summary>
/// <param name="DisplayPath">The path as the user wrote it (joined with the file's place under a directory they named); used in every message.</param>
/// <param name="FullPath">The absolute path, used to open the file and to skip duplicates.</param>
public sealed record PipelineInput(string DisplayPath, string FullPath);
