// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// A document (PDF, text, ...) as a URL or local file path, or raw bytes. Exactly one of <see cref="Url"/>
/// and <see cref="Data"/> is set.
/// </summary>
public sealed record DocumentData
{
    /// <summary>Initializes a document from a URL or local file path.</summary>
    /// <param name="url">The URL or local path.</param>
    /// <param name="mediaType">The MIME type, e.g. <c>application/pdf</c>.</param>
    /// <param name="fileName">An optional display name.</param>
    public DocumentData(string url, string? mediaType = null, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Url = url;
        MediaType = mediaType;
        FileName = fileName;
    }

    /// <summary>Initializes a document from bytes.</summary>
    /// <param name="data">The document bytes.</param>
    /// <param name="mediaType">The MIME type, e.g. <c>application/pdf</c>.</param>
    /// <param name="fileName">An optional display name.</param>
    public DocumentData(ReadOnlyMemory<byte> data, string mediaType, string? fileName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        Data = data;
        MediaType = mediaType;
        FileName = fileName;
    }

    /// <summary>Gets the URL or local path, or null when the document is given as bytes.</summary>
    public string? Url { get; }

    /// <summary>Gets the document bytes, or null when the document is given by URL.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>Gets the MIME type.</summary>
    public string? MediaType { get; }

    /// <summary>Gets the display name.</summary>
    public string? FileName { get; }
}
