// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Resolves media given as a local file path (<c>/...</c>, <c>./...</c>, <c>../...</c>, <c>~/...</c>, <c>file://...</c>)
/// into bytes and a MIME type, so adapters can send it inline.
/// </summary>
public static class LocalMedia
{
    /// <summary>Tells whether a media URL is a local file path rather than a web URL.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>True for local paths.</returns>
    public static bool IsLocalPath(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith('/') || url.StartsWith("./", StringComparison.Ordinal) || url.StartsWith("../", StringComparison.Ordinal)
            || url.StartsWith("~/", StringComparison.Ordinal) || url.StartsWith("file://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads a local file.</summary>
    /// <param name="path">The path (see <see cref="IsLocalPath"/>).</param>
    /// <param name="mediaType">The MIME type, or null to infer it from the extension.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes and MIME type.</returns>
    /// <exception cref="ConfigurationException">The file does not exist or cannot be read.</exception>
    public static async Task<(byte[] Data, string MediaType)> ReadAsync(string path, string? mediaType, CancellationToken cancellationToken)
    {
        var fullPath = Resolve(path);
        try
        {
            var data = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
            return (data, mediaType ?? MediaTypeOf(fullPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"Cannot read the media file '{fullPath}': {ex.Message}", ex);
        }
    }

    /// <summary>Infers a MIME type from a file extension.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The MIME type; <c>application/octet-stream</c> when unknown.</returns>
    public static string MediaTypeOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".GIF" => "image/gif",
        ".WEBP" => "image/webp",
        ".HEIC" => "image/heic",
        ".HEIF" => "image/heif",
        ".PDF" => "application/pdf",
        ".TXT" => "text/plain",
        ".MD" => "text/markdown",
        ".HTML" or ".HTM" => "text/html",
        ".CSV" => "text/csv",
        ".JSON" => "application/json",
        ".WAV" => "audio/wav",
        ".MP3" => "audio/mpeg",
        ".OGG" => "audio/ogg",
        ".FLAC" => "audio/flac",
        ".M4A" => "audio/mp4",
        _ => "application/octet-stream",
    };

    private static string Resolve(string path)
    {
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(path).LocalPath;
        }

        if (path.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        }

        return Path.GetFullPath(path);
    }
}
