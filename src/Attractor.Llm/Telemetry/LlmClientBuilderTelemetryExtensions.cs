// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Attractor.Llm;

/// <summary>Adds the logging and OpenTelemetry middleware to an <see cref="LlmClientBuilder"/>.</summary>
public static class LlmClientBuilderTelemetryExtensions
{
    /// <summary>Adds a <see cref="LoggingMiddleware"/> logging to the category <c>Attractor.Llm</c>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="logContent">Whether message contents are logged at trace level.</param>
    /// <returns>The builder.</returns>
    public static LlmClientBuilder UseLogging(this LlmClientBuilder builder, ILoggerFactory loggerFactory, bool logContent = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return builder.Use(new LoggingMiddleware(loggerFactory) { LogContent = logContent });
    }

    /// <summary>Adds an <see cref="OpenTelemetryMiddleware"/> reporting the builder's default provider for requests that name none.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="meterFactory">Creates the meter; null uses a process-wide one.</param>
    /// <param name="enableSensitiveData">Whether message contents are recorded on spans.</param>
    /// <returns>The builder.</returns>
    public static LlmClientBuilder UseOpenTelemetry(this LlmClientBuilder builder, IMeterFactory? meterFactory = null, bool enableSensitiveData = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(b => new OpenTelemetryMiddleware(meterFactory) { DefaultProvider = b.DefaultProvider, EnableSensitiveData = enableSensitiveData });
    }
}
