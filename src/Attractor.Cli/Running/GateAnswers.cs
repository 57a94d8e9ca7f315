// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Running;

/// <summary>How a run answers human gates, as chosen on the command line.</summary>
/// <param name="Mode">Auto-approve, a fixed list, or ask at the terminal.</param>
/// <param name="Answers">The <c>--answers</c> list, in order; empty for the other modes.</param>
internal sealed record GateAnswers(GateAnswerMode Mode, IReadOnlyList<string> Answers)
{
    public static GateAnswers AutoApprove { get; } = new(GateAnswerMode.AutoApprove, []);

    public static GateAnswers Interactive { get; } = new(GateAnswerMode.Interactive, []);

    public static GateAnswers FromList(IReadOnlyList<string> answers) => new(GateAnswerMode.List, answers);
}
