// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections;
using System.Text.RegularExpressions;

namespace Attractor.Agent;

/// <summary>
/// Decides which of the host's environment variables a command sees. By default every variable is inherited except
/// secrets (names matching <see cref="DefaultExcludedPatterns"/>, case-insensitive), so a model cannot read API keys
/// through <c>env</c>.
/// </summary>
public sealed record EnvironmentVariablePolicy
{
    /// <summary>Gets the patterns excluded by default: <c>*</c> matches any run of characters, matching ignores case.</summary>
    public static IReadOnlyList<string> DefaultExcludedPatterns { get; } =
    [
        "*_API_KEY", "*_APIKEY", "*_SECRET", "*_SECRET_KEY", "*_SECRETS", "*_TOKEN", "*_TOKENS", "*_PASSWORD", "*_PASSWD",
        "*_CREDENTIAL", "*_CREDENTIALS", "*_PRIVATE_KEY", "*_ACCESS_KEY", "*_ACCESS_KEY_ID", "*_AUTH",
        "API_KEY", "SECRET", "TOKEN", "PASSWORD", "CREDENTIALS",
    ];

    /// <summary>Gets the variables <see cref="EnvironmentInheritance.CoreOnly"/> keeps: the shell basics and language tool locations.</summary>
    public static IReadOnlyList<string> CoreVariables { get; } =
    [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TERM", "TMPDIR", "TMP", "TEMP", "TZ",
        "GOPATH", "GOROOT", "GOCACHE", "CARGO_HOME", "RUSTUP_HOME", "NVM_DIR", "NODE_PATH", "JAVA_HOME", "DOTNET_ROOT",
        "NUGET_PACKAGES", "PYENV_ROOT", "VIRTUAL_ENV", "CONDA_PREFIX", "GEM_HOME", "GEM_PATH",
        "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
    ];

    /// <summary>Gets the default policy: inherit everything except secrets.</summary>
    public static EnvironmentVariablePolicy Default { get; } = new();

    /// <summary>Gets which variables are inherited before exclusions. Defaults to <see cref="EnvironmentInheritance.All"/>.</summary>
    public EnvironmentInheritance Inheritance { get; init; } = EnvironmentInheritance.All;

    /// <summary>Gets the name patterns never passed on (unless allowed by name). Defaults to <see cref="DefaultExcludedPatterns"/>.</summary>
    public IReadOnlyList<string> ExcludedPatterns { get; init; } = DefaultExcludedPatterns;

    /// <summary>Gets names always passed on when the host has them, even when they match an excluded pattern (e.g. a token a build needs).</summary>
    public IReadOnlyList<string> AllowedNames { get; init; } = [];

    /// <summary>Tells whether a variable is passed on.</summary>
    /// <param name="name">The variable name.</param>
    /// <returns><see langword="true"/> when a command inherits the variable.</returns>
    public bool Allows(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (AllowedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var inherited = Inheritance switch
        {
            EnvironmentInheritance.All => true,
            EnvironmentInheritance.CoreOnly => CoreVariables.Contains(name, StringComparer.OrdinalIgnoreCase),
            _ => false,
        };
        return inherited && !ExcludedPatterns.Any(pattern => Matches(pattern, name));
    }

    /// <summary>Filters a set of variables.</summary>
    /// <param name="variables">The variables, e.g. from <see cref="System.Environment.GetEnvironmentVariables()"/>.</param>
    /// <returns>The variables a command may see.</returns>
    public IReadOnlyDictionary<string, string> Apply(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && entry.Value is string value && Allows(name))
            {
                result[name] = value;
            }
        }

        return result;
    }

    private static bool Matches(string pattern, string name)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
