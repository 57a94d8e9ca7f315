// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace Attractor.Build.InProcess.Tests;

/// <summary>
/// Points this process at the SDK's MSBuild before any Microsoft.Build type is loaded. Registration must
/// happen in a method that touches no Microsoft.Build type itself, or the runtime binds those types first
/// (to nothing: the packages are compile-only) — a module initializer runs before every test and fixture.
/// </summary>
internal static class MSBuildRegistration
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "A test assembly: MSBuild must be located before xunit creates any fixture that uses it.")]
    internal static void Register()
    {
        // One MSBuild per build, no nodes left behind: set before MSBuild reads its environment.
        Environment.SetEnvironmentVariable("MSBUILDDISABLENODEREUSE", "1");
        Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
        Environment.SetEnvironmentVariable("DOTNET_NOLOGO", "1");
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
