// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// An image: a URL (a local file path such as <c>/tmp/a.png</c>, <c>./a.png</c> or <c>~/a.png</c> is read and
/// sent inline by the adapters) or raw bytes. Exactly one of <see cref="Url"/> and <see cref="Data"/> is set.
/// </summary>
public sealed record ImageData
{
    /// <summary>Initializes an image from a URL or local file path.</summary>
    /// <param name="url">The URL or local path.</param>
    /// <param name="mediaType">The MIME type, when known.</param>
    /// <param name="detail">The fidelity hint (<c>auto</c>, <c>low</c>, <c>high</c>); only OpenAI uses it.</param>
    public ImageData(string url, string? mediaType = null, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Url = url;
        MediaType = mediaType;
        Detail = detail;
    }

    /// <summary>Initializes an image from bytes; the media type defaults to <c>image/png</c>.</summary>
    /// <param name="data">The image bytes.</param>
    /// <param name="mediaType">The MIME type.</param>
    /// <param name="detail">The fidelity hint (<c>auto</c>, <c>low</c>, <c>high</c>); only OpenAI uses it.</param>
    public ImageData(ReadOnlyMemory<byte> data, string? mediaType = null, string? detail = null)
    {
        Data = data;
        MediaType = mediaType ?? "image/png";
        Detail = detail;
    }

    /// <summary>Gets the URL or local file path, or null when the image is given as bytes.</summary>
    public string? Url { get; }

    /// <summary>Gets the image bytes, or null when the image is given by URL.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>Gets the MIME type (e.g. <c>image/png</c>).</summary>
    public string? MediaType { get; }

    /// <summary>Gets the processing fidelity hint.</summary>
    public string? Detail { get; }
}
