// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// A human gate (attractor-spec §4.6): offers the node's outgoing edges as a multiple-choice question (in
/// declaration order; label or target ID; accelerator keys from <c>[K] </c>, <c>K) </c>, <c>K - </c> or the first
/// character) and routes to the chosen target. A timeout uses <c>human.default_choice</c> (key, label or
/// target ID), else asks for a retry; a skipped question fails.
/// </summary>
public sealed class WaitForHumanHandler : INodeHandler
{
    /// <summary>The node attribute naming the choice taken on timeout (key, label or target node ID).</summary>
    public const string DefaultChoiceAttribute = "human.default_choice";

    /// <summary>The node attribute giving the question timeout; the node <c>timeout</c> is used when absent.</summary>
    public const string TimeoutAttribute = "human.timeout";

    /// <summary>The context key receiving the selected accelerator key.</summary>
    public const string SelectedKeyContextKey = "human.gate.selected";

    /// <summary>The context key receiving the selected label.</summary>
    public const string SelectedLabelContextKey = "human.gate.label";

    /// <summary>The question text when the node has no label.</summary>
    public const string DefaultQuestionText = "Select an option:";

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var node = stage.Node;
        var choices = BuildChoices(stage.Graph, node.Id);
        if (choices.Count == 0)
        {
            return await FinishAsync(stage, Outcome.Fail("No outgoing edges for human gate"), cancellationToken).ConfigureAwait(false);
        }

        var interviewer = stage.Services.Interviewer;
        if (interviewer is null)
        {
            return await FinishAsync(stage, Outcome.Fail("no interviewer configured"), cancellationToken).ConfigureAwait(false);
        }

        var question = BuildQuestion(node, choices);
        stage.Emit(new InterviewStarted(question.Text, node.Id));
        var stopwatch = Stopwatch.StartNew();
        Answer answer;
        try
        {
            answer = await interviewer.AskAsync(question, cancellationToken).ConfigureAwait(false) ?? Answer.Skipped;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any interviewer failure (a UI gone away, the engine's no-interviewer stand-in) is this gate's FAIL.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return await FinishAsync(stage, Outcome.Fail("interviewer failed: " + ex.Message), cancellationToken).ConfigureAwait(false);
        }

        stopwatch.Stop();
        HumanChoice selected;
        string notes;
        if (answer.Value == AnswerValue.Timeout)
        {
            stage.Emit(new InterviewTimeout(question.Text, node.Id, stopwatch.Elapsed));
            var defaultChoice = node.Attributes.GetString(DefaultChoiceAttribute);
            if (string.IsNullOrWhiteSpace(defaultChoice))
            {
                return await FinishAsync(stage, Outcome.Retry("human gate timeout, no default"), cancellationToken).ConfigureAwait(false);
            }

            var matched = FindByDefault(defaultChoice, choices);
            selected = matched ?? choices[0];
            notes = matched is null
                ? $"Human gate timed out; {DefaultChoiceAttribute} '{defaultChoice}' matches no choice, took the first: {selected.Label}"
                : $"Human gate timed out; took the default: {selected.Label}";
        }
        else if (answer.Value == AnswerValue.Skipped)
        {
            stage.Emit(new InterviewCompleted(question.Text, "skipped", stopwatch.Elapsed));
            return await FinishAsync(stage, Outcome.Fail("human skipped interaction"), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var matched = FindByAnswer(answer, choices);
            selected = matched ?? choices[0];
            notes = matched is null
                ? $"Answer '{answer.Text}' matches no choice; took the first: {selected.Label}"
                : "Human selected: " + selected.Label;
            stage.Emit(new InterviewCompleted(question.Text, selected.Label, stopwatch.Elapsed));
        }

        var outcome = new Outcome(StageStatus.Success)
        {
            PreferredLabel = selected.Label,
            SuggestedNextIds = [selected.To],
            Notes = notes,
            ContextUpdates = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [SelectedKeyContextKey] = selected.Key,
                [SelectedLabelContextKey] = selected.Label,
            },
        };
        return await FinishAsync(stage, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Derives the choices of a gate from its outgoing edges, in declaration order.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="nodeId">The gate node.</param>
    /// <returns>One choice per outgoing edge.</returns>
    public static IReadOnlyList<HumanChoice> BuildChoices(PipelineGraph graph, string nodeId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var edges = graph.OutgoingEdges(nodeId);
        var choices = new List<HumanChoice>(edges.Count);
        foreach (var edge in edges)
        {
            var label = string.IsNullOrWhiteSpace(edge.Label) ? edge.To : edge.Label.Trim();
            choices.Add(new HumanChoice(AcceleratorKeys.Parse(label), label, edge.To));
        }

        return choices;
    }

    /// <summary>Finds the choice named by <c>human.default_choice</c>: by key, label (also without its accelerator prefix) or target ID, case-insensitively.</summary>
    /// <param name="defaultChoice">The attribute value.</param>
    /// <param name="choices">The choices.</param>
    /// <returns>The choice, or null.</returns>
    public static HumanChoice? FindByDefault(string defaultChoice, IReadOnlyList<HumanChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(defaultChoice);
        ArgumentNullException.ThrowIfNull(choices);
        var text = defaultChoice.Trim();

        // The target ID first: §6.5 says the attribute "specifies which edge target to select".
        var byTarget = choices.FirstOrDefault(c => string.Equals(c.To, text, StringComparison.Ordinal))
            ?? choices.FirstOrDefault(c => string.Equals(c.To, text, StringComparison.OrdinalIgnoreCase));
        if (byTarget is not null)
        {
            return byTarget;
        }

        var option = OptionMatcher.Match(text, ToOptions(choices));
        return option is null ? null : choices.First(c => c.Key == option.Key && c.Label == option.Label);
    }

    private static HumanChoice? FindByAnswer(Answer answer, IReadOnlyList<HumanChoice> choices)
    {
        if (answer.SelectedOption is { } option)
        {
            var exact = choices.FirstOrDefault(c => c.Key == option.Key && c.Label == option.Label);
            if (exact is not null)
            {
                return exact;
            }

            var byLabel = OptionMatcher.Match(option.Label, ToOptions(choices));
            var byKey = byLabel ?? OptionMatcher.Match(option.Key, ToOptions(choices));
            if (byKey is not null)
            {
                return choices.First(c => c.Key == byKey.Key && c.Label == byKey.Label);
            }
        }

        if (answer.Text.Length > 0)
        {
            var typed = OptionMatcher.Match(answer.Text, ToOptions(choices));
            if (typed is not null)
            {
                return choices.First(c => c.Key == typed.Key && c.Label == typed.Label);
            }

            var target = choices.FirstOrDefault(c => string.Equals(c.To, answer.Text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (target is not null)
            {
                return target;
            }
        }

        return null;
    }

    private static QuestionOption[] ToOptions(IReadOnlyList<HumanChoice> choices) => [.. choices.Select(static c => new QuestionOption(c.Key, c.Label))];

    private static Question BuildQuestion(PipelineNode node, IReadOnlyList<HumanChoice> choices)
    {
        var label = node.Attributes.GetString(AttributeNames.Label);
        var text = string.IsNullOrWhiteSpace(label) ? DefaultQuestionText : label;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaultChoice = node.Attributes.GetString(DefaultChoiceAttribute);
        if (!string.IsNullOrWhiteSpace(defaultChoice))
        {
            metadata[DefaultChoiceAttribute] = defaultChoice;
        }

        return new Question(text, QuestionType.MultipleChoice, node.Id)
        {
            Options = ToOptions(choices),
            Timeout = ResolveTimeout(node),
            Metadata = metadata,
        };
    }

    private static TimeSpan? ResolveTimeout(PipelineNode node) =>
        AttributeValues.TryParseDuration(node.Attributes.GetString(TimeoutAttribute), out var value) && value > TimeSpan.Zero
            ? value
            : node.Timeout;

    private static async Task<Outcome> FinishAsync(StageExecution stage, Outcome outcome, CancellationToken cancellationToken)
    {
        await StatusFile.WriteAsync(stage.StageDirectory, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
