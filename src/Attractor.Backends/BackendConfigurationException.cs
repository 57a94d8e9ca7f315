// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>
/// A pipeline backend cannot be created as configured, e.g. no provider API key is set. The message says what
/// to do (which environment variable to set) and never contains a secret.
/// </summary>
public sealed class BackendConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BackendConfigurationException"/> class.</summary>
    public BackendConfigurationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BackendConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public BackendConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BackendConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public BackendConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BackendConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="variableName">The environment variable to set, when one specific variable fixes it.</param>
    public BackendConfigurationException(string message, string? variableName)
        : base(message)
    {
        VariableName = variableName;
    }

    /// <summary>
    /// Gets the environment variable to set (e.g. <c>ANTHROPIC_API_KEY</c>); null when any of several would do
    /// (the message then lists them all).
    /// </summary>
    public string? VariableName { get; }
}
