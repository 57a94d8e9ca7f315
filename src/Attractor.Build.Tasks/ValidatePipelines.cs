// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Attractor.Build.Tasks;

/// <summary>
/// Lints pipelines without compiling anything: <c>attractor validate</c> over the files, each diagnostic
/// an MSBuild error, warning or message at its file, line and column.
/// </summary>
public sealed class ValidatePipelines : AttractorCliTask
{
    /// <summary>Gets or sets the pipeline files (absolute paths).</summary>
    [Required]
    public ITaskItem[] Pipelines { get; set; } = [];

    /// <inheritdoc />
    protected override string ErrorFile => Pipelines.Length == 1 ? Pipelines[0].ItemSpec : string.Empty;

    /// <inheritdoc />
    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
        builder.AppendFileNameIfNotNull(CliPath);
        builder.AppendTextUnquoted(" validate");
        foreach (var pipeline in Pipelines)
        {
            builder.AppendFileNameIfNotNull(RelativeToWorkingDirectory(pipeline.ItemSpec));
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    protected override string DescribeExitCode(int exitCode) => exitCode == 1
        ? "Pipeline validation failed."
        : base.DescribeExitCode(exitCode);
}
