// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Security.Cryptography;
using System.Text;
using Attractor.Server.Api;
using Microsoft.AspNetCore.Http;

namespace Attractor.Server.Security;

/// <summary>
/// Checks every request before it reaches an endpoint. Submitting a pipeline runs its tool commands, so:
/// a loopback server answers only requests addressed to a loopback name (no DNS rebinding); a state-changing
/// request from another origin is refused (no cross-site requests from a page in the user's browser); and
/// when a token is set, every request but the static UI shell must carry it, as a bearer header or as the
/// same-site cookie the UI obtains with it.
/// </summary>
internal sealed class AccessPolicy(string? token, bool loopbackOnly)
{
    /// <summary>The cookie that carries the token for the browser UI (HttpOnly, SameSite=Strict).</summary>
    public const string CookieName = "attractor_token";

    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    /// <summary>Gets whether requests must carry the token.</summary>
    public bool RequiresToken => _token is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";

        if (loopbackOnly && !IsLoopbackHost(request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, $"this server answers requests for localhost only, not for host '{request.Host.Host}'").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !IsSameOrigin(request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "cross-origin requests that change state are refused").ConfigureAwait(false);
            return;
        }

        if (_token is not null && !IsShell(request.Path) && !HasToken(request))
        {
            headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "this server requires its token: send 'Authorization: Bearer <token>' (the token was printed when the server started)").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Gets whether the request's bearer header carries the token (the only way to obtain the UI cookie).</summary>
    public bool HasBearer(HttpRequest request) =>
        _token is null || (request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && Matches(header["Bearer ".Length..].Trim()));

    /// <summary>Gets whether the value is the token, in constant time.</summary>
    public bool Matches(string? value) =>
        _token is not null && value is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _token);

    private static bool IsShell(PathString path) => path.Value is "/" or "/index.html" or "/app.js" or "/app.css" or "/favicon.svg";

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    // Browsers send Origin with every cross-origin request that can change state; tools like curl send none.
    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static Task RefuseAsync(HttpContext context, int statusCode, string error)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ErrorBody(error), ServerJson.Api, context.RequestAborted);
    }

    private bool HasToken(HttpRequest request) => HasBearer(request) || Matches(request.Cookies[CookieName]);
}
