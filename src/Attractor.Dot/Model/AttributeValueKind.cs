// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>How an attribute value was written (attractor-spec §2.4).</summary>
public enum AttributeValueKind
{
    /// <summary>A double-quoted string; the value is unescaped.</summary>
    String,

    /// <summary>A bare word such as <c>box</c> or <c>gpt-5.2</c>.</summary>
    Bare,

    /// <summary>A bare integer such as <c>3</c> or <c>-1</c>.</summary>
    Integer,

    /// <summary>A bare float such as <c>0.5</c>.</summary>
    Float,

    /// <summary>A bare <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A bare duration such as <c>900s</c> or <c>250ms</c>.</summary>
    Duration,
}
