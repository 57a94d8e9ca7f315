// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace HelloPipeline.Pipelines;

/// <summary>The hand-written part of the runner generated from <c>pipelines/release.dot</c>.</summary>
public sealed partial class ReleasePipeline
{
    /// <summary>The file the <c>release.stamp</c> node writes into its stage directory.</summary>
    public const string StampFileName = "stamp.txt";

    // The generated class declares this method for the node type "release.stamp"; without this
    // implementation the project does not compile.
    private partial async Task<Outcome> HandleReleaseStampAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{stage.Node.Id} of {stage.Graph.Id} stamped by HelloPipeline");
        Directory.CreateDirectory(stage.StageDirectory);
        await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, StampFileName), stamp + "\n", cancellationToken).ConfigureAwait(false);
        return Outcome.Success(stamp);
    }
}
