// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>One question and the answer it received, as kept by <see cref="RecordingInterviewer"/>.</summary>
/// <param name="Question">The question.</param>
/// <param name="Answer">The answer.</param>
public sealed record InterviewRecording(Question Question, Answer Answer);
