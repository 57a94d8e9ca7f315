// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>The wire names of <see cref="StageStatus"/> used in status.json, conditions and the context.</summary>
public static class StageStatusNames
{
    /// <summary>Gets the lower-case name, e.g. <c>partial_success</c>.</summary>
    public static string ToWireName(this StageStatus status) => status switch
    {
        StageStatus.Success => "success",
        StageStatus.PartialSuccess => "partial_success",
        StageStatus.Retry => "retry",
        StageStatus.Fail => "fail",
        StageStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown stage status."),
    };

    /// <summary>Parses a wire name; also accepts upper case and the spelling <c>PARTIAL_SUCCESS</c>.</summary>
    public static bool TryParse(string? text, out StageStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "success": status = StageStatus.Success; return true;
            case "partial_success": status = StageStatus.PartialSuccess; return true;
            case "retry": status = StageStatus.Retry; return true;
            case "fail": status = StageStatus.Fail; return true;
            case "skipped": status = StageStatus.Skipped; return true;
            default: status = default; return false;
        }
    }

    /// <summary>Gets whether the status counts as success for goal gates and routing.</summary>
    public static bool IsSuccessful(this StageStatus status) => status is StageStatus.Success or StageStatus.PartialSuccess;
}
