// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using PipelineBuildStep;

// BuildInfo does not exist in the sources: pipelines/build-info.dot writes it during the build.
Console.WriteLine(BuildInfo.Greeting);
