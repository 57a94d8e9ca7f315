// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Running;

namespace Attractor.Cli.Commands;

/// <summary>The options <c>run</c> and <c>resume</c> share for answering human gates: <c>--auto-approve</c> and <c>--answers</c>.</summary>
internal sealed class HumanGateOptions
{
    public Option<bool> AutoApprove { get; } = new("--auto-approve")
    {
        Description = "Answer every human gate with its first choice (yes to yes/no questions).",
    };

    public Option<string?> Answers { get; } = new("--answers")
    {
        Description = "Answer human gates in order from a comma-separated list, e.g. 'A,F,approve'; each answer is an accelerator key or a choice label (case-insensitive). Running out is an error.",
        HelpName = "A,B,...",
    };

    /// <summary>Adds the options and their mutual exclusion to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(AutoApprove);
        command.Options.Add(Answers);
        command.Validators.Add(result =>
        {
            if (result.GetResult(AutoApprove) is not null && result.GetResult(Answers) is not null)
            {
                result.AddError("--auto-approve and --answers cannot be used together: pick one way to answer human gates.");
            }
        });
    }

    /// <summary>Reads how gates are answered from a parse result.</summary>
    public GateAnswers Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(AutoApprove))
        {
            return GateAnswers.AutoApprove;
        }

        return parseResult.GetValue(Answers) is { } list
            ? GateAnswers.FromList(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : GateAnswers.Interactive;
    }
}
