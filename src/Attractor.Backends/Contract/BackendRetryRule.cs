// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines;

namespace Attractor.Backends;

/// <summary>
/// Connects the backend taxonomy to the engine's retry decision: a <see cref="BackendException"/> is
/// <see cref="ErrorCategory.Retryable"/> exactly when its <see cref="BackendError.Retryable"/> says so.
/// </summary>
/// <remarks>
/// The engine's built-in rules treat unknown exception types as retryable; without this rule an <c>auth</c> or
/// <c>config</c> failure would be retried. Use <see cref="Classifier"/> as <see cref="PipelineRunOptions.ErrorClassifier"/>,
/// or call <see cref="Classify"/> first from your own custom rule.
/// </remarks>
public static class BackendRetryRule
{
    /// <summary>Gets an <see cref="ErrorClassifier"/> with this rule first and the built-in rules after it.</summary>
    public static ErrorClassifier Classifier { get; } = new(Classify);

    /// <summary>Classifies a backend failure; null for other exceptions (the built-in rules decide).</summary>
    /// <param name="exception">The exception a handler threw or reported.</param>
    /// <returns>The category, or null.</returns>
    public static ErrorCategory? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BackendException backend)
            {
                return backend.Error.Retryable ? ErrorCategory.Retryable : ErrorCategory.Terminal;
            }
        }

        return null;
    }
}
