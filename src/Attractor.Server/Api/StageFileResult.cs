// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.AspNetCore.Http;

namespace Attractor.Server.Api;

/// <summary>A file of a run directory, sent with a sandbox policy so nothing in it can run in the browser.</summary>
internal sealed class StageFileResult(string path, string contentType) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.ContentType = contentType;
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            response.ContentLength = stream.Length;
            await stream.CopyToAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
