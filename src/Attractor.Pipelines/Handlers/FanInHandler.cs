// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Attractor.Pipelines.Backends;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Consolidates the results of the preceding parallel node and selects the best branch
/// (attractor-spec §4.9). Reads <c>parallel.results</c>; branches cancelled by the join are not
/// candidates. No candidates → FAIL; every candidate failed → FAIL. Otherwise the winner is chosen by
/// an LLM through the backend when the node has a <c>prompt</c> and a backend is configured (the
/// response must name a candidate ID, ideally as <c>BEST: &lt;id&gt;</c>; an unusable response falls
/// back to the heuristic), else by <see cref="HeuristicSelect"/>. Sets <c>parallel.fan_in.best_id</c>,
/// <c>parallel.fan_in.best_outcome</c> and <c>parallel.fan_in.method</c> (<c>llm</c> or <c>heuristic</c>).
/// </summary>
public sealed partial class FanInHandler : INodeHandler
{
    /// <summary>Context key of the winning branch ID.</summary>
    public const string BestIdKey = "parallel.fan_in.best_id";

    /// <summary>Context key of the winning branch's status (wire name, e.g. <c>success</c>).</summary>
    public const string BestOutcomeKey = "parallel.fan_in.best_outcome";

    /// <summary>Context key telling how the winner was chosen: <c>llm</c> or <c>heuristic</c>.</summary>
    public const string MethodKey = "parallel.fan_in.method";

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (!TryReadCandidates(stage.Context, out var candidates, out var problem))
        {
            return Outcome.Fail(problem);
        }

        if (candidates.Count == 0)
        {
            return Outcome.Fail("No parallel results to evaluate");
        }

        if (candidates.All(static c => c.Status == StageStatus.Fail))
        {
            return new Outcome(StageStatus.Fail)
            {
                FailureReason = "Every parallel branch failed: " + string.Join("; ", candidates.Select(static c => c.Id + (c.FailureReason.Length > 0 ? " (" + c.FailureReason + ")" : string.Empty))),
                ContextUpdates = new Dictionary<string, object?>(StringComparer.Ordinal) { [BestIdKey] = string.Empty, [BestOutcomeKey] = StageStatus.Fail.ToWireName() },
            };
        }

        FanInCandidate? best = null;
        if (stage.Node.Prompt.Trim().Length > 0 && stage.Services.Backend is { } backend)
        {
            best = await LlmSelectAsync(stage, backend, candidates, cancellationToken).ConfigureAwait(false);
            if (best is null)
            {
                stage.Context.AppendLog($"{stage.Node.Id}: the LLM response named no candidate; using the heuristic");
            }
        }

        var method = best is null ? "heuristic" : "llm";
        best ??= HeuristicSelect(candidates);
        return new Outcome(StageStatus.Success)
        {
            Notes = "Selected best candidate: " + best.Id,
            ContextUpdates = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [BestIdKey] = best.Id,
                [BestOutcomeKey] = best.Status.ToWireName(),
                [MethodKey] = method,
            },
        };
    }

    /// <summary>§4.9 <c>heuristic_select</c>: by status (SUCCESS, PARTIAL_SUCCESS, RETRY, FAIL), then higher score (none = lowest), then ID (ordinal).</summary>
    /// <param name="candidates">The candidates; at least one.</param>
    /// <returns>The best candidate.</returns>
    public static FanInCandidate HeuristicSelect(IEnumerable<FanInCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return candidates
            .OrderBy(static c => Rank(c.Status))
            .ThenByDescending(static c => c.Score ?? double.NegativeInfinity)
            .ThenBy(static c => c.Id, StringComparer.Ordinal)
            .First();
    }

    /// <summary>Reads the candidates from <c>parallel.results</c> (a JSON array as a <see cref="JsonNode"/>, <see cref="JsonElement"/> or string); cancelled branches are skipped.</summary>
    /// <param name="context">The run context.</param>
    /// <param name="candidates">The candidates (empty when the key is missing or empty).</param>
    /// <param name="problem">Why the value could not be read.</param>
    /// <returns>Whether the value was readable.</returns>
    public static bool TryReadCandidates(PipelineContext context, out IReadOnlyList<FanInCandidate> candidates, out string problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        candidates = [];
        problem = string.Empty;
        var text = context.GetString(ParallelHandler.ResultsKey).Trim();
        if (text.Length == 0)
        {
            return true;
        }

        JsonArray array;
        try
        {
            if (JsonNode.Parse(text) is not JsonArray parsed)
            {
                problem = $"{ParallelHandler.ResultsKey} is not a JSON array";
                return false;
            }

            array = parsed;
        }
        catch (JsonException exception)
        {
            problem = $"{ParallelHandler.ResultsKey} is not valid JSON: {exception.Message}";
            return false;
        }

        var list = new List<FanInCandidate>();
        foreach (var item in array.OfType<JsonObject>())
        {
            var id = Text(item["id"]) ?? Text(item["branch_id"]) ?? string.Empty;
            var statusText = Text(item["status"]) ?? Text(item["outcome"]) ?? string.Empty;
            if (id.Length == 0 || string.Equals(statusText, ParallelHandler.CancelledStatus, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var status = StageStatusNames.TryParse(statusText, out var parsedStatus) ? parsedStatus : StageStatus.Fail;
            double? score = double.TryParse(Text(item["score"]), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
            list.Add(new FanInCandidate(id, status, score, Text(item["notes"]) ?? string.Empty, Text(item["failure_reason"]) ?? string.Empty));
        }

        candidates = list;
        return true;
    }

    private static async Task<FanInCandidate?> LlmSelectAsync(StageExecution stage, ICodergenBackend backend, IReadOnlyList<FanInCandidate> candidates, CancellationToken cancellationToken)
    {
        var prompt = new StringBuilder(stage.Node.Prompt.Trim())
            .AppendLine().AppendLine()
            .AppendLine("Candidates (parallel branches):");
        foreach (var candidate in candidates)
        {
            prompt.Append("- id: ").Append(candidate.Id)
                .Append("; status: ").Append(candidate.Status.ToWireName())
                .Append("; score: ").Append(candidate.Score?.ToString(CultureInfo.InvariantCulture) ?? "none");
            if (candidate.Notes.Length > 0)
            {
                prompt.Append("; notes: ").Append(candidate.Notes);
            }

            if (candidate.FailureReason.Length > 0)
            {
                prompt.Append("; failure: ").Append(candidate.FailureReason);
            }

            prompt.AppendLine();
        }

        prompt.AppendLine().Append("Answer with the id of the best candidate on a line of the form: BEST: <id>");
        var text = prompt.ToString();
        Directory.CreateDirectory(stage.StageDirectory);
        await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, "prompt.md"), text, cancellationToken).ConfigureAwait(false);
        var result = await backend.RunAsync(new CodergenRequest(stage.Node, text, stage.Context, stage.Fidelity, stage.StageDirectory) { Graph = stage.Graph }, cancellationToken).ConfigureAwait(false);
        var response = result.Text
            ?? (result.Outcome is { } outcome
                ? string.Join('\n', new[] { outcome.PreferredLabel }.Concat(outcome.SuggestedNextIds).Append(outcome.Notes).Where(static s => s.Length > 0))
                : string.Empty);
        await File.WriteAllTextAsync(Path.Combine(stage.StageDirectory, "response.md"), response, cancellationToken).ConfigureAwait(false);
        var chosen = ParseChoice(response, candidates.Select(static c => c.Id).ToList());
        return chosen is null ? null : candidates.First(c => c.Id == chosen);
    }

    /// <summary>Finds the candidate ID a response names: a <c>BEST: id</c> line, else a response that is just an ID, else the only ID mentioned as a whole word.</summary>
    /// <param name="response">The LLM response.</param>
    /// <param name="ids">The candidate IDs.</param>
    /// <returns>The ID, or null when the response is unusable.</returns>
    public static string? ParseChoice(string response, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (Match match in BestLine().Matches(response))
        {
            var named = match.Groups["id"].Value.Trim().Trim('`', '"', '\'', '*', '.', ',');
            if (ids.FirstOrDefault(id => string.Equals(id, named, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return found;
            }
        }

        var trimmed = response.Trim().Trim('`', '"', '\'', '*', '.');
        if (ids.FirstOrDefault(id => string.Equals(id, trimmed, StringComparison.OrdinalIgnoreCase)) is { } exact)
        {
            return exact;
        }

        var mentioned = ids.Where(id => Regex.IsMatch(response, @"(?<![\w.])" + Regex.Escape(id) + @"(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList();
        return mentioned.Count == 1 ? mentioned[0] : null;
    }

    private static int Rank(StageStatus status) => status switch
    {
        StageStatus.Success => 0,
        StageStatus.PartialSuccess => 1,
        StageStatus.Retry => 2,
        StageStatus.Skipped => 2,
        _ => 3,
    };

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"BEST\s*[:=]\s*(?<id>[^\r\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BestLine();
}
