// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators;

/// <summary>A diagnostic waiting to be reported, held as plain values for the generator's cache.</summary>
/// <param name="Id">The diagnostic ID, e.g. <c>ATR2001</c>; selects the descriptor at report time.</param>
/// <param name="Message">The finished message.</param>
/// <param name="Location">Where it points.</param>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo Location);
