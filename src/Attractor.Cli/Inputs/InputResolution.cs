// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Inputs;

/// <summary>The files found for the paths on a command line, and the paths that could not be used.</summary>
/// <param name="Inputs">The pipeline files, in command-line order; files under a directory sorted ordinally.</param>
/// <param name="Problems">One line per path that does not exist or cannot be listed.</param>
public sealed record InputResolution(IReadOnlyList<PipelineInput> Inputs, IReadOnlyList<string> Problems);
