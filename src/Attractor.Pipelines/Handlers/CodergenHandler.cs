// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Dot;
using Attractor.Pipelines.Backends;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// The default LLM task handler (attractor-spec §4.5): builds the prompt (<c>prompt</c>, else the label,
/// with <c>$goal</c> expanded), writes <c>prompt.md</c>, calls <see cref="PipelineServices.Backend"/> (or
/// simulates a response when there is none), writes <c>response.md</c> and <c>status.json</c>.
/// </summary>
/// <remarks>
/// A <c>status.json</c> that the backend (or the agent it drives) writes into the stage directory during
/// the call is the stage's outcome (Appendix C): it is read, returned as written and never overwritten,
/// whether the backend answered with text or with an outcome. A backend exception is a FAIL outcome and
/// is reported through <see cref="StageExecution.ReportError"/> so the engine can classify it (Appendix D).
/// </remarks>
public sealed class CodergenHandler : INodeHandler
{
    /// <summary>The prompt file written in the stage directory.</summary>
    public const string PromptFileName = "prompt.md";

    /// <summary>The response file written in the stage directory.</summary>
    public const string ResponseFileName = "response.md";

    /// <summary>The maximum length of <c>last_response</c> in the context.</summary>
    public const int LastResponseMaxLength = 200;

    private const string GoalVariable = "$goal";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var node = stage.Node;
        var prompt = BuildPrompt(node, stage.Graph);

        Directory.CreateDirectory(stage.StageDirectory);
        await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, PromptFileName), prompt, Utf8NoBom, cancellationToken).ConfigureAwait(false);

        // A status.json present after the backend call must be this call's, not a leftover of an earlier visit.
        File.Delete(StatusFile.PathIn(stage.StageDirectory));

        string responseText;
        var backend = stage.Services.Backend;
        if (backend is null)
        {
            responseText = "[Simulated] Response for stage: " + node.Id;
            await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, ResponseFileName), responseText, Utf8NoBom, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            CodergenResult result;
            try
            {
                var request = new CodergenRequest(node, prompt, stage.Context, stage.Fidelity, stage.StageDirectory) { Graph = stage.Graph };
                result = await backend.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A backend failure of any kind is the stage's FAIL outcome (§4.5).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                stage.ReportError(ex);
                var failed = Outcome.Fail(string.IsNullOrEmpty(ex.Message) ? ex.GetType().Name : ex.Message);
                await StatusFile.WriteAsync(stage.StageDirectory, failed, cancellationToken).ConfigureAwait(false);
                return failed;
            }

            responseText = result.Text ?? string.Empty;
            if (result.Outcome is null)
            {
                await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, ResponseFileName), responseText, Utf8NoBom, cancellationToken).ConfigureAwait(false);
            }

            // File.Exists first: most backends write no status file and a caught FileNotFoundException is costly.
            if (File.Exists(StatusFile.PathIn(stage.StageDirectory))
                && await StatusFile.TryReadAsync(stage.StageDirectory, cancellationToken).ConfigureAwait(false) is { } written)
            {
                return written;
            }

            if (result.Outcome is { } decided)
            {
                await StatusFile.WriteAsync(stage.StageDirectory, decided, cancellationToken).ConfigureAwait(false);
                return decided;
            }
        }

        var outcome = new Outcome(StageStatus.Success)
        {
            Notes = "Stage completed: " + node.Id,
            ContextUpdates = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["last_stage"] = node.Id,
                ["last_response"] = Truncate(responseText, LastResponseMaxLength),
            },
        };
        await StatusFile.WriteAsync(stage.StageDirectory, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Builds the prompt of a node: <c>prompt</c>, else the label, with <c>$goal</c> replaced by the graph goal.</summary>
    /// <param name="node">The node.</param>
    /// <param name="graph">The graph (for <c>goal</c>).</param>
    /// <returns>The expanded prompt.</returns>
    public static string BuildPrompt(PipelineNode node, PipelineGraph graph)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(graph);
        var prompt = node.Prompt;
        if (string.IsNullOrEmpty(prompt))
        {
            prompt = node.Label;
        }

        // Like the §9.2 transform: without a goal attribute the variable stays visible.
        var goal = graph.Attributes.Get(AttributeNames.Goal);
        return goal is null ? prompt : prompt.Replace(GoalVariable, goal.Value, StringComparison.Ordinal);
    }

    /// <summary>Truncates text to at most <paramref name="maxLength"/> characters without splitting a surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The maximum length.</param>
    /// <returns>The text or its prefix.</returns>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var length = maxLength;
        if (length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
