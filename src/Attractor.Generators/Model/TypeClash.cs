// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Model;

/// <summary>A pipeline file whose runner class is already generated from another file.</summary>
/// <param name="Path">The file that gets no class.</param>
/// <param name="FullName">The class both files would generate.</param>
/// <param name="OwnerRelativePath">The file that keeps the class.</param>
internal sealed record TypeClash(string Path, string FullName, string OwnerRelativePath);
