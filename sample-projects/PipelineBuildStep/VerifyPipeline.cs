// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace PipelineBuildStep.Pipelines;

/// <summary>The hand-written part of the runner generated from <c>pipelines/verify.dot</c>.</summary>
public sealed partial class VerifyPipeline
{
    /// <summary>The file the <c>build.check</c> node writes into its stage directory.</summary>
    public const string ReportFileName = "check.txt";

    // Runs inside the build's RunOnBuild="AfterBuild" step: it sees the BuildInfo class the
    // build-info pipeline generated and this build compiled.
    private partial async Task<Outcome> HandleBuildCheckAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(BuildInfo.Greeting))
        {
            return Outcome.Fail("BuildInfo.Greeting is empty");
        }

        Directory.CreateDirectory(stage.StageDirectory);
        await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, ReportFileName), "checked: " + BuildInfo.Greeting + "\n", cancellationToken).ConfigureAwait(false);
        return Outcome.Success("greeting present");
    }
}
