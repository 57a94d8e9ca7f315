// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Server.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Attractor.Server.Api;

/// <summary>
/// <c>GET /pipelines/{id}/events</c>: a server-sent event stream. A subscriber first gets the run's engine events
/// (after <c>Last-Event-ID</c>, or the <c>last_event_id</c> query parameter, when given), then the current status,
/// node states and pending questions, then everything live. The stream stays open until the client or the server
/// goes away, so a resumed run keeps streaming to the same page.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly byte[] KeepAliveFrame = ": keep-alive\n\n"u8.ToArray();
    private static readonly byte[] RetryFrame = "retry: 2000\n\n"u8.ToArray();

    public static async Task WriteAsync(HttpContext context, ServedRun run, CancellationToken serverStopping)
    {
        var lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        if (lastEventId.Length == 0)
        {
            lastEventId = context.Request.Query["last_event_id"].ToString();
        }

        long after = 0;
        if (lastEventId.Length > 0 && !long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            await HttpJson.Error(StatusCodes.Status400BadRequest, $"Last-Event-ID '{lastEventId}' is not an event ID (a whole number)").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var token = stop.Token;
        var body = response.Body;
        try
        {
            var (frames, position) = run.Subscribe(after);
            await body.WriteAsync(RetryFrame, token).ConfigureAwait(false);
            foreach (var frame in frames)
            {
                await body.WriteAsync(frame.Bytes, token).ConfigureAwait(false);
            }

            await body.FlushAsync(token).ConfigureAwait(false);
            while (!token.IsCancellationRequested)
            {
                var (next, changed) = run.Log.ReadFrom(position);
                if (next.Length > 0)
                {
                    foreach (var frame in next)
                    {
                        await body.WriteAsync(frame.Bytes, token).ConfigureAwait(false);
                    }

                    position += next.Length;
                    await body.FlushAsync(token).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await changed.WaitAsync(KeepAlive, token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await body.WriteAsync(KeepAliveFrame, token).ConfigureAwait(false);
                    await body.FlushAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left or the server stops: the stream just ends.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }
}
