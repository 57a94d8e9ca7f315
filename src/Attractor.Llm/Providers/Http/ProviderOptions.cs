// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>Reads a provider's section of <see cref="Request.ProviderOptions"/> and merges it into a request body.</summary>
public static class ProviderOptions
{
    /// <summary>Gets the options for one provider (<c>request.ProviderOptions[provider]</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="provider">The provider name.</param>
    /// <returns>The options object, or null when absent.</returns>
    public static JsonObject? For(Request request, string provider)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ProviderOptions?[provider] as JsonObject;
    }

    /// <summary>
    /// Deep-merges options into a body: objects merge key by key, anything else replaces. Values are copied, so
    /// the request's options are never shared with or changed by the body.
    /// </summary>
    /// <param name="body">The body being built.</param>
    /// <param name="options">The provider's options, or null.</param>
    /// <param name="reservedKeys">Keys that configure the adapter itself (e.g. <c>beta_headers</c>) and are not sent.</param>
    public static void MergeInto(JsonObject body, JsonObject? options, params string[] reservedKeys)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (options is null)
        {
            return;
        }

        foreach (var (key, value) in options)
        {
            if (Array.IndexOf(reservedKeys, key) >= 0)
            {
                continue;
            }

            if (value is JsonObject source && body[key] is JsonObject target)
            {
                MergeInto(target, source);
            }
            else
            {
                body[key] = value?.DeepClone();
            }
        }
    }
}
