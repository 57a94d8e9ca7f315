// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Output;

/// <summary>How a report is written to standard output.</summary>
public enum OutputFormat
{
    /// <summary>One diagnostic per line in MSBuild's canonical form, then a summary line.</summary>
    Text,

    /// <summary>One JSON document (schema in <c>docs/cli.md</c>).</summary>
    Json,
}
