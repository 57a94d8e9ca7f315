// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Cli.Output.Json;

/// <summary>A location in a file: 1-based lines and columns, and a 0-based character offset and length.</summary>
/// <param name="StartLine">The first line, 1-based.</param>
/// <param name="StartColumn">The first column, 1-based.</param>
/// <param name="EndLine">The last line, 1-based.</param>
/// <param name="EndColumn">The column just past the end, 1-based.</param>
/// <param name="Start">The offset of the first character, 0-based, in UTF-16 code units.</param>
/// <param name="Length">The number of characters, in UTF-16 code units.</param>
public sealed record JsonSpan(
    [property: JsonPropertyName("startLine")] int StartLine,
    [property: JsonPropertyName("startColumn")] int StartColumn,
    [property: JsonPropertyName("endLine")] int EndLine,
    [property: JsonPropertyName("endColumn")] int EndColumn,
    [property: JsonPropertyName("start")] int Start,
    [property: JsonPropertyName("length")] int Length);
