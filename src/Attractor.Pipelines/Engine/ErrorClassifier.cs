// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security;
using System.Text.Json;
using Attractor.Dot.Validation;

namespace Attractor.Pipelines;

/// <summary>
/// The <c>should_retry</c> predicate of attractor-spec §3.6: sorts a handler's exception into an
/// Appendix D <see cref="ErrorCategory"/>; only <see cref="ErrorCategory.Retryable"/> errors are retried.
/// Set it through <see cref="PipelineRunOptions.ErrorClassifier"/>.
/// </summary>
/// <remarks>
/// <para>The custom function (when given) is asked first; a null answer falls through to the rules below,
/// applied to the exception after unwrapping <see cref="AggregateException"/>s with one inner exception and
/// <see cref="TargetInvocationException"/>s.</para>
/// <list type="bullet">
/// <item>Pipeline: <see cref="PipelineValidationException"/> (the node FAILs and the run stops at once, with no failure routing).</item>
/// <item>Retryable: <see cref="TimeoutException"/>; <see cref="OperationCanceledException"/> that did not come
/// from the run's token (the engine rethrows that one and never retries it; a node <c>timeout</c> is a FAIL
/// outcome, retried); <see cref="HttpRequestException"/> without a status code (network) or with 408, 425,
/// 429 or 5xx; <see cref="SocketException"/>; other <see cref="IOException"/>s.</item>
/// <item>Terminal: <see cref="HttpRequestException"/> with any other status (400, 401, 403, 404, ...);
/// <see cref="FileNotFoundException"/>, <see cref="DirectoryNotFoundException"/>, <see cref="PathTooLongException"/>,
/// <see cref="InvalidDataException"/>; <see cref="UnauthorizedAccessException"/>, <see cref="SecurityException"/>;
/// programming and configuration errors: <see cref="ArgumentException"/>, <see cref="InvalidOperationException"/>
/// (incl. <see cref="ObjectDisposedException"/>), <see cref="NotSupportedException"/>,
/// <see cref="NotImplementedException"/>, <see cref="FormatException"/>, <see cref="InvalidCastException"/>,
/// <see cref="NullReferenceException"/>, <see cref="KeyNotFoundException"/>, <see cref="IndexOutOfRangeException"/>,
/// <see cref="JsonException"/>, <see cref="OutOfMemoryException"/>.</item>
/// <item>Anything else is Retryable, so provider-specific transient errors keep the retry behaviour of DoD §11.5.</item>
/// </list>
/// </remarks>
public sealed class ErrorClassifier
{
    private readonly Func<Exception, ErrorCategory?>? _custom;

    /// <summary>Initializes a new instance of the <see cref="ErrorClassifier"/> class.</summary>
    /// <param name="custom">Asked first; return null to apply the built-in rules.</param>
    public ErrorClassifier(Func<Exception, ErrorCategory?>? custom = null)
    {
        _custom = custom;
    }

    /// <summary>Gets the classifier with only the built-in rules.</summary>
    public static ErrorClassifier Default { get; } = new();

    /// <summary>Classifies an exception.</summary>
    /// <param name="exception">The exception a handler threw or reported.</param>
    /// <returns>Its category.</returns>
    public ErrorCategory Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (_custom?.Invoke(exception) is { } decided)
        {
            return decided;
        }

        return ClassifyBuiltIn(Unwrap(exception));
    }

    /// <summary>Gets whether an attempt that failed with <paramref name="exception"/> may be retried.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for <see cref="ErrorCategory.Retryable"/> errors.</returns>
    public bool ShouldRetry(Exception exception) => Classify(exception) == ErrorCategory.Retryable;

    private static Exception Unwrap(Exception exception)
    {
        // Bounded: a pathological self-referencing chain must not loop forever.
        for (var depth = 0; depth < 16; depth++)
        {
            var inner = exception switch
            {
                AggregateException aggregate when aggregate.InnerExceptions.Count == 1 => aggregate.InnerExceptions[0],
                TargetInvocationException { InnerException: { } invoked } => invoked,
                _ => null,
            };
            if (inner is null)
            {
                break;
            }

            exception = inner;
        }

        return exception;
    }

    private static ErrorCategory ClassifyBuiltIn(Exception exception) => exception switch
    {
        PipelineValidationException => ErrorCategory.Pipeline,
        TimeoutException or OperationCanceledException or SocketException => ErrorCategory.Retryable,
        HttpRequestException http => IsTransient(http.StatusCode) ? ErrorCategory.Retryable : ErrorCategory.Terminal,
        FileNotFoundException or DirectoryNotFoundException or PathTooLongException or InvalidDataException => ErrorCategory.Terminal,
        IOException => ErrorCategory.Retryable,
        UnauthorizedAccessException or SecurityException => ErrorCategory.Terminal,
        ArgumentException or InvalidOperationException or NotSupportedException or NotImplementedException
            or FormatException or InvalidCastException or NullReferenceException or KeyNotFoundException
            or IndexOutOfRangeException or JsonException or OutOfMemoryException => ErrorCategory.Terminal,
        _ => ErrorCategory.Retryable,
    };

    private static bool IsTransient(HttpStatusCode? status) => status switch
    {
        null => true,
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        { } code when (int)code == 425 => true, // Too Early: the server asks for a replay.
        { } code => (int)code >= 500,
    };
}
