// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Configuration;

/// <summary>A <c>[glob]</c> section of an <c>.editorconfig</c>, keeping only the entries the generator reads.</summary>
/// <param name="Name">The glob between the brackets, as written.</param>
/// <param name="Settings">Its severity entries for ATR diagnostics; one per key, the last one written.</param>
internal sealed record EditorConfigSection(string Name, EquatableArray<SeveritySetting> Settings);
