// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines;
using Attractor.Server.Graph;
using Attractor.Server.Runs;
using Attractor.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Attractor.Server.Api;

/// <summary>The HTTP API of attractor-spec §9.5 plus resume, the stage files and the UI's session cookie.</summary>
internal static class PipelineEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RunRegistry runs, GraphRenderer graphs, AccessPolicy access)
    {
        var stopping = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        app.MapPost("/session", (HttpContext context) =>
        {
            // The UI trades the token (as a bearer header, checked by the access policy) for a same-site cookie,
            // so plain links (stage files) and the event stream carry it too.
            if (access.RequiresToken && access.HasBearer(context.Request))
            {
                var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
                context.Response.Cookies.Append(AccessPolicy.CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
            }

            return Results.NoContent();
        });

        app.MapGet("/backends", () => HttpJson.Ok(new { backends = Attractor.Backends.PipelineBackends.Names, @default = Attractor.Backends.PipelineBackends.Simulate }));

        app.MapPost("/pipelines", async (HttpContext context) =>
        {
            var (request, error) = await HttpJson.ReadAsync<SubmitRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var result = await runs.SubmitAsync(request!, context.RequestAborted).ConfigureAwait(false);
            if (result.Run is not { } run)
            {
                return Results.Json(result.Error, ServerJson.Api, statusCode: result.StatusCode);
            }

            context.Response.Headers.Location = "/pipelines/" + Uri.EscapeDataString(run.Id);
            return HttpJson.Ok(new { id = run.Id, status = run.Status }, StatusCodes.Status201Created);
        });

        app.MapGet("/pipelines", async (HttpContext context) =>
        {
            var list = await runs.ListAsync(context.RequestAborted).ConfigureAwait(false);
            return HttpJson.Ok(new { pipelines = list.Select(static r => r.Summary()) });
        });

        app.MapGet("/pipelines/{id}", (string id, HttpContext context) => WithRunAsync(runs, id, context, run => Task.FromResult(HttpJson.Ok(Detail(run, runs.WorkspaceRoot)))));

        app.MapGet("/pipelines/{id}/events", async (string id, HttpContext context) =>
        {
            var run = await runs.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
            if (run is null)
            {
                await NotFound(id).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await EventStream.WriteAsync(context, run, stopping).ConfigureAwait(false);
        });

        app.MapPost("/pipelines/{id}/cancel", (string id, HttpContext context) => WithRunAsync(runs, id, context, run => Task.FromResult(
            run.Cancel()
                ? HttpJson.Ok(new { id = run.Id, status = "cancelling" }, StatusCodes.Status202Accepted)
                : HttpJson.Error(StatusCodes.Status409Conflict, $"run '{run.Id}' is not running (it is {Describe(run.Status)})"))));

        app.MapPost("/pipelines/{id}/resume", (string id, HttpContext context) => WithRunAsync(runs, id, context, run =>
        {
            var refused = runs.Resume(run);
            return Task.FromResult(refused is null
                ? HttpJson.Ok(new { id = run.Id, status = run.Status }, StatusCodes.Status202Accepted)
                : HttpJson.Error(StatusCodes.Status409Conflict, refused));
        }));

        app.MapGet("/pipelines/{id}/graph", (string id, string? format, HttpContext context) => WithRunAsync(runs, id, context, async run =>
        {
            if (run.Graph is not { } graph)
            {
                return HttpJson.Error(StatusCodes.Status404NotFound, $"run '{run.Id}' has no valid pipeline.dot to draw");
            }

            var states = run.NodeStates();
            switch (format ?? "svg")
            {
                case "json":
                    var detail = Detail(run, runs.WorkspaceRoot);
                    return HttpJson.Ok(new { nodes = detail.Nodes, edges = detail.Edges, rankdir = graph.Attributes.GetString("rankdir") });
                case "dot":
                    return Results.Text(GraphRenderer.ToDot(graph, states), "text/vnd.graphviz; charset=utf-8");
                case "svg":
                    string? svg;
                    try
                    {
                        svg = await graphs.RenderSvgAsync(GraphRenderer.ToDot(graph, states), context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException exception)
                    {
                        return HttpJson.Error(StatusCodes.Status502BadGateway, exception.Message);
                    }

                    return svg is null
                        ? HttpJson.Error(StatusCodes.Status501NotImplemented, "Graphviz 'dot' is not installed on the server; GET this with ?format=json (nodes, edges, states) and draw it, as the UI does")
                        : Results.Text(svg, "image/svg+xml; charset=utf-8");
                default:
                    return HttpJson.Error(StatusCodes.Status400BadRequest, $"format '{format}' is not one of svg, dot and json");
            }
        }));

        app.MapGet("/pipelines/{id}/questions", (string id, HttpContext context) => WithRunAsync(runs, id, context, run => Task.FromResult(HttpJson.Ok(new { questions = run.Questions() }))));

        app.MapPost("/pipelines/{id}/questions/{qid}/answer", (string id, string qid, HttpContext context) => WithRunAsync(runs, id, context, async run =>
        {
            var (request, error) = await HttpJson.ReadAsync<AnswerRequest>(context.Request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return run.TryAnswer(qid, request!, out var message) switch
            {
                AnswerOutcome.Answered => HttpJson.Ok(new { id = qid, status = "answered" }),
                AnswerOutcome.NotFound => HttpJson.Error(StatusCodes.Status404NotFound, message),
                AnswerOutcome.Conflict => HttpJson.Error(StatusCodes.Status409Conflict, message),
                _ => HttpJson.Error(StatusCodes.Status400BadRequest, message),
            };
        }));

        app.MapGet("/pipelines/{id}/checkpoint", (string id, HttpContext context) => WithRunAsync(runs, id, context, async run =>
        {
            var path = CheckpointStore.PathFor(run.CurrentLogsRoot());
            if (!File.Exists(path))
            {
                return HttpJson.Error(StatusCodes.Status404NotFound, $"run '{run.Id}' has no checkpoint yet (one is written after every completed node)");
            }

            return Results.Text(await File.ReadAllTextAsync(path, context.RequestAborted).ConfigureAwait(false), "application/json; charset=utf-8");
        }));

        app.MapGet("/pipelines/{id}/context", (string id, HttpContext context) => WithRunAsync(runs, id, context, async run =>
        {
            var logsRoot = run.CurrentLogsRoot();
            if (!File.Exists(CheckpointStore.PathFor(logsRoot)))
            {
                return HttpJson.Ok(new { context = new Dictionary<string, object?>(), current_node = (string?)null });
            }

            Checkpoint checkpoint;
            try
            {
                checkpoint = await CheckpointStore.LoadAsync(logsRoot, context.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                return HttpJson.Error(StatusCodes.Status500InternalServerError, exception.Message);
            }

            // The context as of the last checkpoint: the engine saves one after every completed node.
            return HttpJson.Ok(new { context = checkpoint.Context, current_node = checkpoint.CurrentNode, timestamp = checkpoint.Timestamp });
        }));

        app.MapGet("/pipelines/{id}/files/{**path}", (string id, string path, HttpContext context) => WithRunAsync(runs, id, context, run => Task.FromResult(StageFile(run, path))));
    }

    private static async Task<IResult> WithRunAsync(RunRegistry runs, string id, HttpContext context, Func<ServedRun, Task<IResult>> action)
    {
        var run = await runs.FindAsync(id, context.RequestAborted).ConfigureAwait(false);
        return run is null ? NotFound(id) : await action(run).ConfigureAwait(false);
    }

    private static IResult NotFound(string id) => HttpJson.Error(StatusCodes.Status404NotFound, $"there is no run '{id}'");

    private static string Describe(RunStatus status) => status.ToString().ToLowerInvariant();

    private static RunDetail Detail(ServedRun run, string workspaceRoot)
    {
        var summary = run.Summary();
        var states = run.NodeStates();
        var logsRoot = run.CurrentLogsRoot();
        var nodes = new List<NodeView>();
        var edges = new List<EdgeView>();
        if (run.Graph is { } graph)
        {
            foreach (var node in graph.Nodes)
            {
                var stage = RunDirectory.StagePath(logsRoot, node.Id);
                IReadOnlyList<string> files = Directory.Exists(stage)
                    ? [.. Directory.EnumerateFiles(stage).Select(Path.GetFileName).OfType<string>().Where(static f => !f.StartsWith('.')).Order(StringComparer.Ordinal)]
                    : [];
                nodes.Add(new NodeView(node.Id, node.Label, node.Shape, node.HandlerType, states.GetValueOrDefault(node.Id), files));
            }

            edges.AddRange(graph.Edges.Select(static e => new EdgeView(e.From, e.To, e.Label)));
        }

        var resumable = summary.Status is RunStatus.Cancelled or RunStatus.Interrupted or RunStatus.Failed
            && run.Graph is not null && File.Exists(CheckpointStore.PathFor(logsRoot));
        return new RunDetail(summary, nodes, edges, resumable, Path.GetRelativePath(workspaceRoot, logsRoot));
    }

    private static IResult StageFile(ServedRun run, string path)
    {
        var root = run.CurrentLogsRoot();
        var full = WorkspacePaths.Resolve(root, path, out var problem);
        if (full is null)
        {
            return HttpJson.Error(StatusCodes.Status403Forbidden, problem!);
        }

        if (!File.Exists(full))
        {
            return HttpJson.Error(StatusCodes.Status404NotFound, $"run '{run.Id}' has no file '{path}'");
        }

        var contentType = Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".json" or ".jsonl" => "application/json; charset=utf-8",
            ".md" or ".txt" or ".log" or ".dot" or ".out" or ".err" => "text/plain; charset=utf-8",
            _ => "application/octet-stream",
        };

        // Shown as text, never run as a page: a stage's output is the pipeline's content, not the server's.
        return new StageFileResult(full, contentType);
    }
}
