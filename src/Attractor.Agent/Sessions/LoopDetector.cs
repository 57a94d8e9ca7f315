// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Security.Cryptography;
using System.Text;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>Finds repeating patterns of length 1, 2 or 3 among the last tool calls (spec §2.10).</summary>
internal static class LoopDetector
{
    public static string Signature(ToolCall call)
    {
        var arguments = call.Arguments.ValueKind == System.Text.Json.JsonValueKind.Undefined ? call.RawArguments ?? string.Empty : call.Arguments.GetRawText();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(arguments)));
        return call.Name + ":" + hash;
    }

    public static bool IsLooping(IReadOnlyList<string> signatures, int windowSize)
    {
        if (windowSize <= 0 || signatures.Count < windowSize)
        {
            return false;
        }

        var recent = signatures.Skip(signatures.Count - windowSize).ToList();
        for (var patternLength = 1; patternLength <= 3; patternLength++)
        {
            if (windowSize % patternLength != 0)
            {
                continue;
            }

            var matches = true;
            for (var i = patternLength; i < windowSize && matches; i++)
            {
                matches = string.Equals(recent[i], recent[i % patternLength], StringComparison.Ordinal);
            }

            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
