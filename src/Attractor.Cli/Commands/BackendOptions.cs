// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Backends;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>run</c>'s and <c>resume</c>'s choice of what runs codergen nodes: <c>--backend simulate|llm|agent</c>, and
/// <c>--simulate</c>, kept as a short form of <c>--backend simulate</c>.
/// </summary>
internal sealed class BackendOptions
{
    public Option<string?> Backend { get; } = new("--backend")
    {
        Description = "What runs codergen nodes: simulate (no LLM), llm (one LLM call per node) or agent (a coding-agent session per node). Default: agent when a provider API key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY), else simulate.",
        HelpName = "name",
    };

    public Option<bool> Simulate { get; } = new("--simulate")
    {
        Description = "Run without an LLM: codergen nodes return simulated responses (the same as --backend simulate).",
    };

    public void AddTo(Command command)
    {
        Backend.AcceptOnlyFromAmong([.. PipelineBackends.Names]);
        command.Options.Add(Backend);
        command.Options.Add(Simulate);
        command.Validators.Add(result =>
        {
            var backend = result.GetValue(Backend);
            if (result.GetValue(Simulate) && backend is not null && !string.Equals(backend, PipelineBackends.Simulate, StringComparison.Ordinal))
            {
                result.AddError($"--simulate and --backend {backend} contradict each other; pass one of them");
            }
        });
    }

    /// <summary>Returns the backend named on the command line, or null to choose by the environment.</summary>
    public string? Read(ParseResult parseResult) =>
        parseResult.GetValue(Simulate) ? PipelineBackends.Simulate : parseResult.GetValue(Backend);
}
