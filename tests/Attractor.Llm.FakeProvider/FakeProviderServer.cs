// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Attractor.Llm.FakeProvider;

/// <summary>
/// A fake LLM provider on 127.0.0.1 (a free port): answers each request with the next scripted
/// <see cref="FakeResponse"/> (or the <see cref="Responder"/>), and records every request.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeResponse> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly WebApplication app;

    private FakeProviderServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the server's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the received requests in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>Gets or sets a function answering requests when the script is empty (for conversations that depend on what was sent).</summary>
    public Func<RecordedRequest, FakeResponse>? Responder { get; set; }

    /// <summary>Starts a server.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<FakeProviderServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        var app = builder.Build();
        FakeProviderServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeProviderServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    /// <summary>Adds answers to the end of the script.</summary>
    /// <param name="responses">The answers, in the order requests will get them.</param>
    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
        {
            script.Enqueue(response);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body);
        requests.Enqueue(recorded);

        var response = script.TryDequeue(out var next) ? next
            : Responder?.Invoke(recorded)
            ?? FakeResponse.Error(500, "{\"error\":{\"message\":\"fake server: no scripted response for " + recorded.Method + " " + recorded.Path + "\",\"type\":\"fake_server\"}}");

        if (response.ResetConnection)
        {
            context.Abort();
            return;
        }

        if (response.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(response.FirstByteDelay, context.RequestAborted).ConfigureAwait(false);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.RawBody is { } raw)
        {
            await context.Response.Body.WriteAsync(raw, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (response.Events is null)
        {
            await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.CacheControl = "no-cache";
        var sent = 0;
        foreach (var sseEvent in response.Events)
        {
            if (response.CutAfterEvents is { } cut && sent >= cut)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);

                // A reset discards data the client has not read yet (even the headers, and then the
                // client sees a failed request instead of a cut stream): give it time to read what was
                // sent. 200 ms was not always enough with the suite's assemblies running in parallel on
                // two cores; the tests that cut a stream are few, so a generous wait costs little.
                await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return;
            }

            if (response.EndAfterEvents is { } end && sent >= end)
            {
                return;
            }

            if (sent > 0 && response.DelayBetweenEvents > TimeSpan.Zero)
            {
                await Task.Delay(response.DelayBetweenEvents, context.RequestAborted).ConfigureAwait(false);
            }

            await context.Response.WriteAsync(sseEvent.ToWire(), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            sent++;
        }
    }
}
