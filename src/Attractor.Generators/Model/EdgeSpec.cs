// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>An edge of the validated graph.</summary>
internal sealed record EdgeSpec(string From, string To, EquatableArray<AttributeSpec> Attributes, SourceSpan Span, SourceSpan FromSpan, SourceSpan ToSpan);
