// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Attractor.Generators.Emit;

/// <summary>C# literals for values taken from .dot files, escaped so any text round-trips exactly.</summary>
internal static class CSharpLiteral
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
