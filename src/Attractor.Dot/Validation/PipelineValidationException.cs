// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Validation;

/// <summary>
/// Thrown by <see cref="PipelineValidator.ValidateOrThrow(PipelineGraph)"/> when a pipeline has
/// error-severity diagnostics (attractor-spec §7.3 <c>validate_or_raise</c>).
/// </summary>
public sealed class PipelineValidationException : Exception
{
    private static readonly DotDiagnostic[] None = Array.Empty<DotDiagnostic>();

    /// <summary>Initializes a new instance of the <see cref="PipelineValidationException"/> class with no diagnostics.</summary>
    public PipelineValidationException()
        : this("The pipeline failed validation.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PipelineValidationException"/> class with a message and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    public PipelineValidationException(string message)
        : base(message)
    {
        Diagnostics = None;
        Errors = None;
    }

    /// <summary>Initializes a new instance of the <see cref="PipelineValidationException"/> class with a message, a cause and no diagnostics.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = None;
        Errors = None;
    }

    /// <summary>Initializes a new instance of the <see cref="PipelineValidationException"/> class from validation results.</summary>
    /// <param name="diagnostics">Every diagnostic validation produced, errors and warnings.</param>
    public PipelineValidationException(IReadOnlyList<DotDiagnostic> diagnostics)
        : this(diagnostics, SelectErrors(diagnostics))
    {
    }

    private PipelineValidationException(IReadOnlyList<DotDiagnostic> diagnostics, DotDiagnostic[] errors)
        : base(FormatMessage(errors))
    {
        Diagnostics = diagnostics;
        Errors = errors;
    }

    /// <summary>Gets every diagnostic validation produced, including warnings.</summary>
    public IReadOnlyList<DotDiagnostic> Diagnostics { get; }

    /// <summary>Gets the error-severity diagnostics, the reason the pipeline may not run.</summary>
    public IReadOnlyList<DotDiagnostic> Errors { get; }

    private static DotDiagnostic[] SelectErrors(IReadOnlyList<DotDiagnostic> diagnostics)
    {
        if (diagnostics is null)
        {
            throw new ArgumentNullException(nameof(diagnostics));
        }

        var errors = new List<DotDiagnostic>();
        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].IsError)
            {
                errors.Add(diagnostics[i]);
            }
        }

        return errors.ToArray();
    }

    private static string FormatMessage(DotDiagnostic[] errors)
    {
        var builder = new StringBuilder();
        builder.Append("The pipeline failed validation with ")
            .Append(errors.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(errors.Length == 1 ? " error:" : " errors:");
        foreach (var error in errors)
        {
            builder.Append('\n').Append(error.ToString());
        }

        return builder.ToString();
    }
}
