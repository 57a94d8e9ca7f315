// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Stylesheets;

/// <summary>The result of parsing a stylesheet: the rules that parsed and every error.</summary>
public sealed class StylesheetParseResult
{
    private static readonly StylesheetError[] NoErrors = Array.Empty<StylesheetError>();

    internal StylesheetParseResult(ModelStylesheet stylesheet, IReadOnlyList<StylesheetError>? errors)
    {
        Stylesheet = stylesheet;
        Errors = errors ?? NoErrors;
    }

    /// <summary>Gets the stylesheet; a rule with an error is left out, the others are kept.</summary>
    public ModelStylesheet Stylesheet { get; }

    /// <summary>Gets the errors in text order; empty on success.</summary>
    public IReadOnlyList<StylesheetError> Errors { get; }

    /// <summary>Gets a value indicating whether the stylesheet parsed without errors.</summary>
    public bool Success => Errors.Count == 0;
}
