// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Server.Api;

namespace Attractor.Server.Runs;

/// <summary>A started run, or the HTTP status and error that refused the request.</summary>
internal sealed record SubmitResult(ServedRun? Run, int StatusCode, ErrorBody? Error)
{
    public static SubmitResult Refused(int statusCode, string error, IReadOnlyList<DiagnosticView>? diagnostics = null) =>
        new(null, statusCode, new ErrorBody(error, diagnostics));
}
