// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Attractor.Server.Ui;

/// <summary>Serves the single-page UI (plain HTML, JavaScript and CSS embedded in the assembly) at <c>/</c>.</summary>
internal static class UiEndpoints
{
    // Scripts and styles from this server only; no inline script, nothing from elsewhere.
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Map(IEndpointRouteBuilder app)
    {
        var assets = new (string Route, string Resource, string ContentType)[]
        {
            ("/", "ui/index.html", "text/html; charset=utf-8"),
            ("/index.html", "ui/index.html", "text/html; charset=utf-8"),
            ("/app.js", "ui/app.js", "text/javascript; charset=utf-8"),
            ("/app.css", "ui/app.css", "text/css; charset=utf-8"),
            ("/favicon.svg", "ui/favicon.svg", "image/svg+xml"),
        };
        foreach (var (route, resource, contentType) in assets)
        {
            var bytes = Load(resource);
            app.MapGet(route, (HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = PagePolicy;
                return Results.Bytes(bytes, contentType);
            });
        }
    }

    private static byte[] Load(string resource)
    {
        using var stream = typeof(UiEndpoints).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The UI resource '{resource}' is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
