// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Audio input as a URL or raw bytes. Exactly one of <see cref="Url"/> and <see cref="Data"/> is set.</summary>
public sealed record AudioData
{
    /// <summary>Initializes audio from a URL.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="mediaType">The MIME type, e.g. <c>audio/wav</c>.</param>
    public AudioData(string url, string? mediaType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Url = url;
        MediaType = mediaType;
    }

    /// <summary>Initializes audio from bytes.</summary>
    /// <param name="data">The audio bytes.</param>
    /// <param name="mediaType">The MIME type, e.g. <c>audio/wav</c>.</param>
    public AudioData(ReadOnlyMemory<byte> data, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        Data = data;
        MediaType = mediaType;
    }

    /// <summary>Gets the URL, or null when the audio is given as bytes.</summary>
    public string? Url { get; }

    /// <summary>Gets the audio bytes, or null when the audio is given by URL.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>Gets the MIME type.</summary>
    public string? MediaType { get; }
}
