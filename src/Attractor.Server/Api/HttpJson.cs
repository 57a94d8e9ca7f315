// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Attractor.Server.Api;

/// <summary>Reads JSON request bodies with clear errors (wrong content type, bad JSON, too large) and writes JSON responses.</summary>
internal static class HttpJson
{
    public static IResult Ok<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, ServerJson.Api, statusCode: statusCode);

    public static IResult Error(int statusCode, string error) =>
        Results.Json(new ErrorBody(error), ServerJson.Api, statusCode: statusCode);

    /// <summary>Reads the body as <typeparamref name="T"/>; on failure returns the error result to send instead.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, "send the body as JSON with 'Content-Type: application/json'"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ServerJson.Api, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return value is null ? (null, Error(StatusCodes.Status400BadRequest, "the body is empty; send a JSON object")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "the body is not valid JSON for this request: " + exception.Message));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, "the body is larger than this server accepts"));
        }
    }
}
